namespace Childctl.Cli.Output.History;

/// <summary>One uid's span in a cluster's history; a null uid groups the events recorded without one.</summary>
internal sealed record IncarnationJson(string? Uid, string FirstSeen, string LastSeen, int Events, string? LastAction);
