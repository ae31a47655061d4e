namespace Childctl.Cli.Output.History;

/// <summary>One milestone of an incarnation in <c>-o json</c>.</summary>
internal sealed record MilestoneJson(string Name, string At, string Action, string? Source);
