namespace Childctl.Cli.Output.History;

/// <summary>The time between two milestones in <c>-o json</c>: whole seconds, and as text (8m12s).</summary>
internal sealed record DurationJson(string From, string To, long Seconds, string Text);
