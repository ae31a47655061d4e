namespace Childctl.Cli.Output.History;

/// <summary>One live Kubernetes Event in <c>-o json</c>.</summary>
internal sealed record LiveEventJson(string Type, string Reason, string Message, int Count, string? LastSeen, string Source);
