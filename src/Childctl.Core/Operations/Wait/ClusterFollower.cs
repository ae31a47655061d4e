using System.Runtime.CompilerServices;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
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
        var noticed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var change in session.Api.WatchClustersAsync(ns, WatchFilter.ForName(name), cancellationToken))
        {
            var settled = Apply(change);
            if (Current is { } live && noticed.Add(live.Uid))
            {
                // The first sight of each incarnation: a recreate is recorded by whichever command sees it first.
                await IncarnationTracker.NoticeAsync(session, live, null, cancellationToken);
            }

            yield return new Followed(change, settled);
        }
    }

    /// <summary>The followed incarnation was seen in another phase than Ready (and than Failed) before the latest change.</summary>
    private bool _sawNotReady;
    private bool _sawNotFailed;

    public Task RecordReadyAsync(ClusterDeployment cluster, DateTimeOffset? since, CancellationToken cancellationToken) =>
        session.Recorder().RecordObservedAsync(ns, name, ObservedTransitions.Ready(cluster, since, _sawNotReady), cancellationToken);

    public Task RecordFailedAsync(ClusterDeployment cluster, string reason, CancellationToken cancellationToken) =>
        session.Recorder().RecordObservedAsync(ns, name, ObservedTransitions.Failed(cluster, reason, session.Time.GetUtcNow(), _sawNotFailed), cancellationToken);

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
            var record = ObservedTransitions.Deleted(goneUid, LastSeen?.CreationTimestamp, LastSeen?.DeletionTimestamp, now, sawItGo: LastSeen is not null);
            await recorder.RecordObservedAsync(ns, name, record, cancellationToken);
        }
        else if (pendingDeletion)
        {
            await IncarnationTracker.RecordGoneAsync(session, ns, name, cancellationToken);
        }
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
                    if (LastSeen is { } before && before.Uid == seen.Uid)
                    {
                        var phase = PhaseRule.Evaluate(before).Phase;
                        _sawNotReady |= phase != ClusterPhase.Ready;
                        _sawNotFailed |= phase != ClusterPhase.Failed;
                    }
                    else
                    {
                        (_sawNotReady, _sawNotFailed) = (false, false);
                    }

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
