namespace Childctl.History.Query;

/// <summary>
/// One life of a cluster name: the events that carry the same ClusterDeployment uid. Events without a uid
/// (legacy, notes taken offline) form their own group with a null <see cref="Uid"/>.
/// </summary>
public sealed record Incarnation(string? Uid, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int Events, string? LastAction)
{
    /// <summary>Created, ready, delete requested, gone...: see <see cref="Query.Milestones"/>. Empty for the group without a uid.</summary>
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];

    /// <summary>The spans between milestones (created → ready, delete requested → gone, ...).</summary>
    public IReadOnlyList<MilestoneSpan> Durations => Query.Milestones.Durations(Milestones);
}
