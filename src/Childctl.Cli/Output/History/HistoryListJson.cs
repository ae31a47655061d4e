namespace Childctl.Cli.Output.History;

/// <summary>
/// The <c>-o json</c> document of <c>history</c>. <see cref="Note"/> says what it is: local history, not live state.
/// </summary>
internal sealed record HistoryListJson(string Kind, string Note, IReadOnlyList<ClusterHistoryJson> Items);
