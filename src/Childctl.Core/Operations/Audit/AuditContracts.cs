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

    /// <summary>Names whose history holds only failed attempts without a uid (a create the API refused), not live: never clusters, so not findings.</summary>
    public IReadOnlyList<string> FailedAttemptsOnly { get; init; } = [];

    public int Count(AuditClass kind) => Findings.Count(f => f.Class == kind);
}

/// <summary>
/// The verdict for one cluster name. <see cref="Uid"/> is the live object's (or, when deleted elsewhere, the gone
/// incarnation's); <see cref="PreviousUid"/> the incarnation a recreated cluster replaced. <see cref="By"/> and
/// <see cref="At"/> say who and when, from managedFields and the object's timestamps, when the API can tell.
/// </summary>
public sealed record AuditFinding(string Namespace, string Name, AuditClass Class, string Detail)
{
    public string? Uid { get; init; }

    public string? PreviousUid { get; init; }

    /// <summary>True when the previous incarnation of a recreated cluster has no deletion in history (it gets one recorded).</summary>
    public bool PreviousDeletionUnrecorded { get; init; }

    public long? Generation { get; init; }

    /// <summary>
    /// In step, but history holds no labels and annotations for this incarnation (recorded before childctl recorded them):
    /// they could not be compared; <c>--record</c> records the live ones once as the baseline, not as a change.
    /// </summary>
    public bool MetadataBaselineMissing { get; init; }

    /// <summary>The generation history accounts for (the last recorded operation or observation), when known.</summary>
    public long? RecordedGeneration { get; init; }

    public string? ResourceVersion { get; init; }

    public ChangeActor? By { get; init; }

    /// <summary>
    /// The time of the latest event in the cluster's history, if any: what <c>--record</c> appends is never dated before
    /// it, so the file stays in time order.
    /// </summary>
    public DateTimeOffset? HistoryEndsAt { get; init; }

    /// <summary>The API server the cluster's history was last recorded against (its latest event that names one), if any.</summary>
    public string? RecordedServer { get; init; }

    public DateTimeOffset? At { get; init; }

    public IReadOnlyList<SpecDifference> Changes { get; init; } = [];

    public string? HistoryFile { get; init; }

    /// <summary>The live object's phase and readiness by the one phase rule; null when it is gone.</summary>
    public Childctl.Core.ClusterDeployments.PhaseVerdict? Verdict => Live?.Verdict;

    /// <summary>The live object the finding is about; null when it is gone.</summary>
    internal LiveCluster? Live { get; init; }

    /// <summary>When the gone incarnation was created, as history recorded it (dates the id of its observed_deleted).</summary>
    public DateTimeOffset? RecordedCreatedAt { get; init; }

    public bool IsInStep => Class == AuditClass.InStep;
}

/// <summary>How a cluster's live object compares with what its local history says happened to it.</summary>
public enum AuditClass
{
    /// <summary>History accounts for the live object (or for its absence).</summary>
    InStep,

    /// <summary>Live, and history has no record of this uid's creation, nor of an earlier incarnation of the name.</summary>
    CreatedElsewhere,

    /// <summary>Live under a name whose history holds another uid: deleted and created again without a record.</summary>
    Recreated,

    /// <summary>The spec moved to a generation history does not account for: someone else changed it.</summary>
    ChangedElsewhere,

    /// <summary>Live but terminating, and history records no delete of this uid.</summary>
    DeletingElsewhere,

    /// <summary>History's latest incarnation has no delete recorded, and the API has no object with its uid.</summary>
    DeletedElsewhere,
}

/// <summary>
/// Who wrote the object, as far as the API can tell: a managedFields manager, its operation and time. When the manager
/// is childctl (another operator's machine, whose history is not this one), the provenance annotations name the
/// operator and the operation id.
/// </summary>
public sealed record ChangeActor(string Manager, string? Operation, DateTimeOffset? Time, string? ChildctlOperator = null, string? ChildctlOperation = null)
{
    /// <summary>"kubectl-patch", or "childctl (operator rbias, operation 01J...)".</summary>
    public string Describe() =>
        ChildctlOperator is null && ChildctlOperation is null
            ? Manager
            : $"{Manager} (operator {ChildctlOperator ?? "unknown"}, operation {ChildctlOperation ?? "unknown"})";
}

/// <summary>One spec value that differs from what history recorded: null means absent on that side.</summary>
public sealed record SpecDifference(string Field, string? Recorded, string? Live)
{
    public string Describe() => $"{Field} {Recorded ?? "(unset)"} → {Live ?? "(unset)"}";
}
