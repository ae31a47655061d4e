namespace Childctl.Cli.Output.Audit;

/// <summary>
/// In the <c>audit -o json|yaml</c> document when some history was recorded against another API server: this context's
/// server, the servers the history names, the clusters concerned (namespace/name) and the warning's text.
/// </summary>
internal sealed record ServerChangeJson(string Server, IReadOnlyList<string> RecordedServers, IReadOnlyList<string> Clusters, string Message);
