namespace Childctl.Cli.Output.Audit;

/// <summary>
/// The <c>-o json|yaml</c> document of <c>audit</c> (schema in docs/commands.md): what was compared, a summary per class,
/// and one item per cluster name. Field names are snake_case like history's; fields never disappear, except that
/// <c>namespace</c> is absent with -A, <c>recorded</c> without --record, and <c>server_change</c> unless some history
/// was recorded against another API server.
/// </summary>
internal sealed record AuditReportJson(
    string Kind,
    string ManagementCluster,
    string? Namespace,
    bool AllNamespaces,
    string ObservedAt,
    bool InStep,
    AuditSummaryJson Summary,
    int? Recorded,
    IReadOnlyList<AuditItemJson> Items)
{
    public ServerChangeJson? ServerChange { get; init; }
}
