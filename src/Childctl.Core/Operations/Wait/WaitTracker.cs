using Childctl.Core.ClusterDeployments;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// Folds the watch's changes into "the awaited object now": the current incarnation (null once gone), the last one
/// seen, and whether the initial list has been delivered. An object under the name with another uid than the one
/// awaited is not it: for a pinned wait it counts as the awaited one being gone.
/// </summary>
internal sealed class WaitTracker(WaitRequest request)
{
    private bool _synced;

    public ClusterDeployment? Current { get; private set; }

    public ClusterDeployment? LastSeen { get; private set; }

    public WaitVerdict? Last { get; set; }

    /// <summary>Takes one change; true when there is something new to evaluate.</summary>
    public bool Apply(WatchChange<ClusterDeployment> change)
    {
        switch (change.Kind)
        {
            case WatchChangeKind.Synced:
                _synced = true;
                break;
            case WatchChangeKind.Deleted when change.Object is { } gone && (Current is null || gone.Uid == Current.Uid):
                LastSeen = Current ?? (IsAwaited(gone) ? gone : LastSeen);
                Current = null;
                break;
            case WatchChangeKind.Added or WatchChangeKind.Modified when change.Object is { } seen:
                if (IsAwaited(seen))
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

        return _synced;
    }

    private bool IsAwaited(ClusterDeployment cluster) => request.Uid is null || request.Uid == cluster.Uid;
}
