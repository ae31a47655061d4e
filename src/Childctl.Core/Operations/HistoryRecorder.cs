using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.History;
using Childctl.History.Events;
using Childctl.History.Store;

namespace Childctl.Core.Operations;

/// <summary>
/// Appends one operation's events to the per-cluster history, at the moment they happen: who (OS user), the
/// operation id, the command line and reason, the management cluster. Parameters and command are redacted by the
/// store. Observed events come with their own deterministic id, so recording the same observation twice is a no-op.
/// </summary>
public sealed class HistoryRecorder
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    private readonly IHistoryStore _store;
    private readonly ManagementCluster _cluster;
    private readonly TimeProvider _time;

    public HistoryRecorder(IHistoryStore store, ManagementCluster cluster, OperationContext operation, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _cluster = cluster ?? throw new ArgumentNullException(nameof(cluster));
        Operation = operation ?? throw new ArgumentNullException(nameof(operation));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public OperationContext Operation { get; }

    /// <summary>The Kubernetes identity the API server reports for this kubeconfig (SelfSubjectReview), when known.</summary>
    public string? KubernetesUser { get; init; }

    /// <summary>
    /// Checks, before an operation changes a cluster, that its history file can take the record of the change: a change
    /// childctl could not record is not made. Throws the store's <see cref="HistoryException"/> for a file that does not
    /// parse (exit 2; the file is named with its line and left untouched) or a folder or file that cannot be written
    /// (exit 1). Reads only this cluster's file; a cluster without history is fine.
    /// </summary>
    public Task EnsureRecordableAsync(string ns, string name, CancellationToken cancellationToken) =>
        _store.CheckAppendableAsync(new HistoryStreamId(_cluster.ClusterName, ns, name), cancellationToken);

    /// <summary>Records what childctl did (or tried) to one cluster.</summary>
    public Task RecordAsync(string ns, string name, OperationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = _time.GetUtcNow();
        var e = new HistoryEvent
        {
            Timestamp = now,
            Id = EventIds.New(now),
            Action = record.Action,
            User = Operation.User,
            K8sUser = KubernetesUser,
            Uid = NullIfEmpty(record.Uid),
            ManagementCluster = new ManagementClusterRef(_cluster.ClusterName, _cluster.Server),
            Operation = Operation.Id,
            Parameters = record.Parameters,
            Command = Operation.CommandLine,
            Reason = Operation.Reason,
            Message = record.Message,
            Result = record.Error is null ? Succeeded : Failed,
            Error = record.Error,
            Source = EventSources.Childctl,
        };
        return _store.AppendAsync(new HistoryStreamId(_cluster.ClusterName, ns, name), [e], null, cancellationToken);
    }

    /// <summary>
    /// Records something childctl saw k0rdent do. <paramref name="identity"/> must be stable for the observation (uid,
    /// transition and its timestamp) so that a second observer of the same transition appends nothing. The event has
    /// no <c>user</c>: the operator did not make the cluster Ready or fail; who saw it is the parameter
    /// <c>observed_by</c>, as in the audit's findings.
    /// </summary>
    public Task<bool> RecordObservedAsync(string ns, string name, ObservedRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var parameters = new Dictionary<string, string>(record.Parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["observed_by"] = Operation.User,
        };
        var e = new HistoryEvent
        {
            Timestamp = _time.GetUtcNow(),
            Id = EventIds.Deterministic(record.IdTime, record.Identity),
            Action = record.Action,
            Uid = NullIfEmpty(record.Uid),
            ManagementCluster = new ManagementClusterRef(_cluster.ClusterName, _cluster.Server),
            Operation = Operation.Id,
            Parameters = parameters,
            Message = record.Message,
            Source = EventSources.Observed,
        };
        return AppendObservedAsync(ns, name, e, cancellationToken);
    }

    /// <summary>
    /// The latest incarnation of this name if history holds a successful delete for it and no observed_deleted yet;
    /// reads only this cluster's file. Lets a wait that never saw the object still record that it is gone.
    /// </summary>
    public async Task<PendingDeletion?> FindPendingDeletionAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var read = await _store.ReadAsync(new HistoryStreamId(_cluster.ClusterName, ns, name), cancellationToken);
        var events = read.Document?.Events ?? [];
        var latestUid = events.LastOrDefault(e => !string.IsNullOrEmpty(e.Uid))?.Uid;
        if (latestUid is null || events.Any(e => e.Uid == latestUid && e.Action == HistoryActions.ObservedDeleted))
        {
            return null;
        }

        var deletion = events.LastOrDefault(e => e.Uid == latestUid && e.Action == HistoryActions.ClusterDeleted && e.Result != Failed);
        if (deletion is null)
        {
            return null;
        }

        var createdAt = events.Where(e => e.Uid == latestUid)
            .Select(e => e.Parameters is { } p && p.TryGetValue(SpecSnapshot.CreatedAtKey, out var text)
                && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                    ? at
                    : (DateTimeOffset?)null)
            .FirstOrDefault(at => at is not null);
        return new PendingDeletion(latestUid, createdAt, deletion.Timestamp);
    }

    private async Task<bool> AppendObservedAsync(string ns, string name, HistoryEvent e, CancellationToken cancellationToken)
    {
        var result = await _store.AppendAsync(new HistoryStreamId(_cluster.ClusterName, ns, name), [e], null, cancellationToken);
        return result.Appended;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
