namespace Childctl.Cli.Output.History;

/// <summary>One uid's span in a cluster's history; a null uid groups the events recorded without one.</summary>
internal sealed record IncarnationJson(string? Uid, string FirstSeen, string LastSeen, int Events, string? LastAction)
{
    /// <summary>created, ready, failed, delete requested, gone: when, and from which event.</summary>
    public IReadOnlyList<MilestoneJson> Milestones { get; init; } = [];

    /// <summary>The spans between milestones, in seconds and as text.</summary>
    public IReadOnlyList<DurationJson> Durations { get; init; } = [];
}
