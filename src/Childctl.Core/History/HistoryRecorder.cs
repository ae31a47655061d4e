using Childctl.Core.Errors;
using Childctl.History.Store;
using Childctl.Kubernetes;
using Childctl.Kubernetes.Transport;

namespace Childctl.Core.History;

/// <summary>
/// Appends one operation's events to the per-cluster history, at the moment they happen: who (OS user), the operation
/// id, the command line and reason, the management cluster. Parameters and command are redacted by the store.
/// Observed events come with their own deterministic id, so recording the same observation twice is a no-op.
/// </summary>
/// <remarks>
/// Every event goes to the store through <see cref="AppendAsync"/>, i.e. <see cref="LocalHistory.AppendAsync"/>, whose
/// hooks (<see cref="AppendHooks"/>) follow each local append with its Kubernetes Event and the team mirror. Appends made for a change (its intent and its
/// outcome) are passed <see cref="CancellationToken.None"/> by <see cref="RecordedChange"/>: Ctrl-C never stops a record.
/// </remarks>
internal sealed class HistoryRecorder
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>The result of an intent: the change is about to be sent; its outcome follows in another event.</summary>
    public const string Pending = "pending";

    /// <summary>The result of a change found not needed once under way (a cluster already gone, or already being deleted).</summary>
    public const string Skipped = "skipped";

    /// <summary>The result of a change that got no answer: it may or may not have been made, until settled.</summary>
    public const string Unknown = "unknown";

    private readonly LocalHistory _history;
    private readonly ManagementCluster _cluster;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, Task<ApiIdentity>> _whoAmI;
    private Task<ApiIdentity?>? _kubernetesUser;

    internal HistoryRecorder(LocalHistory history, ManagementCluster cluster, OperationContext operation, TimeProvider time, Func<CancellationToken, Task<ApiIdentity>> whoAmI)
    {
        _history = history;
        _cluster = cluster;
        Operation = operation;
        _time = time;
        _whoAmI = whoAmI;
    }

    public OperationContext Operation { get; }

    /// <summary>
    /// Checks, before an operation changes a cluster, that its history file can take the record of the change: a change
    /// childctl could not record is not made. Fails with <see cref="ErrorKind.CorruptHistory"/> for a file that does not
    /// parse (exit 2; the file is named with its line and left untouched), general for a folder or file that cannot be
    /// written (exit 1). Reads only this cluster's file; a cluster without history is fine.
    /// </summary>
    public Task EnsureRecordableAsync(string ns, string name, CancellationToken cancellationToken) =>
        _history.CheckRecordableAsync(Stream(ns, name), cancellationToken);

    /// <summary>Records what childctl did (or tried) to one cluster.</summary>
    public async Task<HistoryEvent> RecordAsync(string ns, string name, OperationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var identity = await KubernetesUserAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var e = new HistoryEvent
        {
            Timestamp = now,
            Id = EventIds.New(now),
            Action = record.Action,
            User = Operation.User,
            K8sUser = identity?.User,
            K8sRealUser = identity?.AuthenticatedUser,
            Uid = NullIfEmpty(record.Uid),
            ManagementCluster = new ManagementClusterRef(_cluster.ClusterName, _cluster.Server),
            Operation = Operation.Id,
            Parameters = record.Parameters,
            Command = Operation.CommandLine,
            Reason = Operation.Reason,
            Message = record.Message,
            Result = record.Result ?? (record.Error is null ? Succeeded : Failed),
            Error = record.Error,
            Source = EventSources.Childctl,
        };
        await AppendAsync(Stream(ns, name), e, cancellationToken);
        return e;
    }

    /// <summary>
    /// Records how an earlier change whose outcome was unknown turned out (<see cref="PendingChanges"/>): the event
    /// belongs to that change's operation, user and command, says who settled it and from what, and has an id fixed by the
    /// operation, so two settlers of the same change record it once.
    /// </summary>
    public async Task<bool> RecordSettlementAsync(string ns, string name, HistoryEvent intent, string action, string result, string? uid,
        IReadOnlyDictionary<string, string> parameters, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var e = new HistoryEvent
        {
            Timestamp = _time.GetUtcNow(),
            Id = EventIds.Deterministic(intent.Timestamp, $"{intent.Operation}/{ns}/{name}/settled"),
            Action = action,
            User = intent.User,
            K8sUser = intent.K8sUser,
            Uid = NullIfEmpty(uid ?? intent.Uid),
            ManagementCluster = intent.ManagementCluster ?? new ManagementClusterRef(_cluster.ClusterName, _cluster.Server),
            Operation = intent.Operation,
            Parameters = new Dictionary<string, string>(parameters, StringComparer.Ordinal)
            {
                [ChangeEvidence.SettledBy] = Operation.Id,
                [ChangeEvidence.SettledByUser] = Operation.User,
            },
            Command = intent.Command,
            Reason = intent.Reason,
            Message = message,
            Result = result,
            Source = EventSources.Childctl,
        };
        return (await AppendAsync(Stream(ns, name), e, cancellationToken)).Appended;
    }

    /// <summary>Holds the cluster's history as having a change in flight (see <see cref="IHistoryStore.HoldChangeAsync"/>).</summary>
    public Task<IDisposable> HoldChangeAsync(string ns, string name, CancellationToken cancellationToken) =>
        LocalHistory.GuardAsync(() => _history.Store.HoldChangeAsync(Stream(ns, name), cancellationToken));

    /// <summary>
    /// Records something childctl saw k0rdent do. The record's identity must be stable for the observation (uid,
    /// transition and its timestamp) so that a second observer of the same transition appends nothing. The event has no
    /// <c>user</c>: the operator did not make the cluster Ready or fail; who saw it is the parameter <c>observed_by</c>.
    /// Returns whether it was new.
    /// </summary>
    public async Task<bool> RecordObservedAsync(string ns, string name, ObservedRecord record, CancellationToken cancellationToken)
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
        return (await AppendAsync(Stream(ns, name), e, cancellationToken)).Appended;
    }

    /// <summary>The one way an event reaches the store (and, through <see cref="LocalHistory"/>'s hooks, the team mirror).</summary>
    private Task<AppendResult> AppendAsync(HistoryStreamId stream, HistoryEvent e, CancellationToken cancellationToken) =>
        _history.AppendAsync(stream, e, cancellationToken);

    /// <summary>
    /// The identity the API server reports (SelfSubjectReview; with impersonation also the credentials' own user), asked
    /// once; it only enriches history, so any failure is "unknown".
    /// </summary>
    private async Task<ApiIdentity?> KubernetesUserAsync(CancellationToken cancellationToken)
    {
        _kubernetesUser ??= AskAsync(cancellationToken);
        return await _kubernetesUser;

        async Task<ApiIdentity?> AskAsync(CancellationToken ct)
        {
            try
            {
                return await _whoAmI(ct);
            }
            catch (ChildctlException)
            {
                return null;
            }
        }
    }

    private HistoryStreamId Stream(string ns, string name) => new(_cluster.ClusterName, ns, name);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

/// <summary>
/// One childctl command that changes something: its id (a ULID, so ids sort by time), who ran it, the command line and
/// the reason given. The same id goes into every history event of the command and into the <c>childctl.dev/operation</c>
/// annotation on the objects it changed, so an audit can join the two.
/// </summary>
internal sealed record OperationContext(string Id, DateTimeOffset StartedAt, string User, string CommandLine, string? Reason)
{
    /// <summary>Starts an operation now, with a fresh id.</summary>
    public static OperationContext Start(TimeProvider time, string user, string commandLine, string? reason)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var id = System.Ulid.NewUlid(now).ToString();
        return new OperationContext(id, now, user, commandLine, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
    }

    /// <summary>
    /// The start truncated to whole seconds. Kubernetes timestamps (lastTransitionTime, creationTimestamp) have
    /// one-second resolution, so "after the operation started" must compare against this, not the exact start.
    /// </summary>
    public DateTimeOffset StartedAtSecond => new(StartedAt.Ticks - (StartedAt.Ticks % TimeSpan.TicksPerSecond), StartedAt.Offset);
}

/// <summary>
/// One thing childctl did to a cluster, for <see cref="HistoryRecorder.RecordAsync"/>; a non-null error makes it a failure,
/// unless <paramref name="Result"/> says otherwise (<see cref="HistoryRecorder.Pending"/>, <see cref="HistoryRecorder.Unknown"/>).
/// </summary>
internal sealed record OperationRecord(
    string Action,
    string? Uid,
    IReadOnlyDictionary<string, string>? Parameters,
    string? Message = null,
    string? Error = null,
    string? Result = null);

/// <summary>
/// One thing childctl saw k0rdent do, for <see cref="HistoryRecorder.RecordObservedAsync"/>. <see cref="Identity"/>
/// and <see cref="IdTime"/> make the event id: the same transition seen twice gives the same id.
/// </summary>
internal sealed record ObservedRecord(
    string Action,
    string? Uid,
    string Identity,
    DateTimeOffset IdTime,
    IReadOnlyDictionary<string, string>? Parameters,
    string? Message);

/// <summary>The history actions the lifecycle operations write (DESIGN.md "History format").</summary>
public static class HistoryActions
{
    public const string ClusterCreateRequested = "cluster_create_requested";
    public const string ClusterCreateUnknown = "cluster_create_unknown";
    public const string ClusterScaleRequested = "cluster_scale_requested";
    public const string ClusterScaleUnknown = "cluster_scale_unknown";
    public const string ClusterUpgradeRequested = "cluster_upgrade_requested";
    public const string ClusterUpgradeUnknown = "cluster_upgrade_unknown";
    public const string ClusterConfigChangeRequested = "cluster_config_change_requested";
    public const string ClusterConfigChangeUnknown = "cluster_config_change_unknown";
    public const string ClusterDeleteRequested = "cluster_delete_requested";
    public const string ClusterDeleteUnknown = "cluster_delete_unknown";
    public const string ClusterCreated = "cluster_created";
    public const string ClusterCreateFailed = "cluster_create_failed";
    public const string ClusterDeleted = "cluster_deleted";
    public const string ClusterDeleteFailed = "cluster_delete_failed";
    public const string ClusterDeleteSkipped = "cluster_delete_skipped";
    public const string ClusterScaled = "cluster_scaled";
    public const string ClusterScaleFailed = "cluster_scale_failed";
    public const string ClusterUpgraded = "cluster_upgraded";
    public const string ClusterUpgradeFailed = "cluster_upgrade_failed";
    public const string ClusterConfigChanged = "cluster_config_changed";
    public const string ClusterConfigChangeFailed = "cluster_config_change_failed";
    public const string KubeconfigRetrieved = "kubeconfig_retrieved";
    public const string KubeconfigRetrieveFailed = "kubeconfig_retrieve_failed";
    public const string ObservedReady = "observed_ready";
    public const string ObservedFailed = "observed_failed";
    public const string ObservedDeleted = "observed_deleted";
}
