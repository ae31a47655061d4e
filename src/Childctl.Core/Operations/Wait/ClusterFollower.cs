using System.Runtime.CompilerServices;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.History.Store;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// Follows one ClusterDeployment by name with the resilient list-and-watch, for <c>wait</c> and <c>watch NAME</c> alike:
/// folds the changes into "the followed object now" (the current incarnation, null once gone; the last one seen) and
/// records the transitions it sees as observed history, with the ids <see cref="ObservedTransitions"/> gives them, so
/// each is recorded once however many waits and watches see it. An object under the name with another uid than the
/// pinned one is not it: for a pinned follow it counts as the followed one being gone.
/// </summary>
internal sealed class ClusterFollower(Session session, string ns, string name, string? uid = null)
{
    public string Namespace => ns;

    public string Name => name;

    /// <summary>True once the initial list has been delivered.</summary>
    public bool Synced { get; private set; }

    public ClusterDeployment? Current { get; private set; }

    public ClusterDeployment? LastSeen { get; private set; }

    /// <summary>Every change of the name; <see cref="Followed.Settled"/> says whether it changed what is known after the initial list.</summary>
    public async IAsyncEnumerable<Followed> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in session.Api.WatchClustersAsync(ns, WatchFilter.ForName(name), cancellationToken))
        {
            yield return new Followed(change, Apply(change));
        }
    }

    public Task RecordReadyAsync(ClusterDeployment cluster, DateTimeOffset? since, CancellationToken cancellationToken) =>
        session.Recorder().RecordObservedAsync(ns, name, ObservedTransitions.Ready(cluster, since), cancellationToken);

    public Task RecordFailedAsync(ClusterDeployment cluster, string reason, CancellationToken cancellationToken) =>
        session.Recorder().RecordObservedAsync(ns, name, ObservedTransitions.Failed(cluster, reason), cancellationToken);

    /// <summary>
    /// Records that the followed incarnation is gone: the one last seen, else the pinned uid; when neither is known and
    /// <paramref name="pendingDeletion"/>, the incarnation whose delete childctl recorded (gone before it could be seen).
    /// </summary>
    public async Task RecordGoneAsync(bool pendingDeletion, CancellationToken cancellationToken)
    {
        var recorder = session.Recorder();
        var now = session.Time.GetUtcNow();
        if ((LastSeen?.Uid ?? uid) is { } goneUid)
        {
            var record = ObservedTransitions.Deleted(goneUid, LastSeen?.CreationTimestamp, LastSeen?.DeletionTimestamp, now);
            await recorder.RecordObservedAsync(ns, name, record, cancellationToken);
        }
        else if (pendingDeletion && await FindPendingDeletionAsync(cancellationToken) is { } pending)
        {
            await recorder.RecordObservedAsync(ns, name, ObservedTransitions.Deleted(pending.Uid, pending.CreatedAt, pending.RequestedAt, now), cancellationToken);
        }
    }

    /// <summary>
    /// The latest incarnation of this name if history holds a successful delete for it and no observed_deleted yet;
    /// reads only this cluster's file. Lets a wait that never saw the object still record that it is gone.
    /// </summary>
    private async Task<(string Uid, DateTimeOffset? CreatedAt, DateTimeOffset RequestedAt)?> FindPendingDeletionAsync(CancellationToken cancellationToken)
    {
        var read = await session.History.ReadAsync(new HistoryStreamId(session.Cluster.ClusterName, ns, name), cancellationToken);
        var events = read.Document?.Events ?? [];
        var latestUid = events.LastOrDefault(e => !string.IsNullOrEmpty(e.Uid))?.Uid;
        if (latestUid is null || events.Any(e => e.Uid == latestUid && e.Action == HistoryActions.ObservedDeleted))
        {
            return null;
        }

        var deletion = events.LastOrDefault(e => e.Uid == latestUid && e.Action == HistoryActions.ClusterDeleted && e.Result != HistoryRecorder.Failed);
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
        return (latestUid, createdAt, deletion.Timestamp);
    }

    private bool Apply(WatchChange<ClusterDeployment> change)
    {
        switch (change.Kind)
        {
            case WatchChangeKind.Synced:
                Synced = true;
                break;
            case WatchChangeKind.Deleted when change.Object is { } gone && (Current is null || gone.Uid == Current.Uid):
                LastSeen = Current ?? (IsFollowed(gone) ? gone : LastSeen);
                Current = null;
                break;
            case WatchChangeKind.Added or WatchChangeKind.Modified when change.Object is { } seen:
                if (IsFollowed(seen))
                {
                    Current = seen;
                    LastSeen = seen;
                }
                else
                {
                    Current = null;
                }

                break;
            default:
                return false;
        }

        return Synced;
    }

    private bool IsFollowed(ClusterDeployment cluster) => uid is null || uid == cluster.Uid;

    /// <summary>One change of the followed name, and whether there is something new to judge (after the initial list).</summary>
    public readonly record struct Followed(WatchChange<ClusterDeployment> Change, bool Settled);
}
