namespace Childctl.Core.Operations.Audit;

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

    /// <summary>The live object the finding is about; null when it is gone.</summary>
    public LiveCluster? Live { get; init; }

    /// <summary>When the gone incarnation was created, as history recorded it (dates the id of its observed_deleted).</summary>
    public DateTimeOffset? RecordedCreatedAt { get; init; }

    public bool IsInStep => Class == AuditClass.InStep;
}
