namespace Childctl.Core.Operations.Audit;

/// <summary>
/// The outcome of one audit: a finding per cluster name in scope (live, or known to history), sorted by namespace and
/// name, and with <c>--record</c> how many events were appended (0 when every finding was already recorded).
/// <see cref="ServerChange"/> names the findings whose history came from another API server.
/// </summary>
public sealed record AuditReport(
    string ManagementCluster,
    string? Namespace,
    DateTimeOffset ObservedAt,
    IReadOnlyList<AuditFinding> Findings,
    int? Recorded)
{
    /// <summary>True when every cluster is in step: nothing happened that history does not account for.</summary>
    public bool InStep => Findings.All(f => f.IsInStep);

    /// <summary>Findings whose history was recorded against another API server: perhaps another management cluster of the same name.</summary>
    public ServerChange? ServerChange { get; init; }

    public int Count(AuditClass kind) => Findings.Count(f => f.Class == kind);
}
