using Childctl.Core.ClusterDeployments;
using Childctl.Kubernetes.Watching;
using Childctl.Core.Operations.Wait;

namespace Childctl.Core.Operations.Watch;

/// <summary>
/// What <c>watch NAME</c> records while it looks at one cluster, with the judgement and event ids <c>wait</c> uses: a
/// Ready that can be trusted (<see cref="WaitEvaluator"/>), a Failed for the current spec, the cluster gone. Each
/// transition is recorded once however many watches and waits see it. A watch of a whole namespace records nothing:
/// its first list alone would append to every cluster's file.
/// </summary>
public sealed class WatchedClusterObserver
{
    private readonly HistoryRecorder _history;
    private readonly TimeProvider _time;

    public WatchedClusterObserver(HistoryRecorder history, TimeProvider time)
    {
        _history = history ?? throw new ArgumentNullException(nameof(history));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Records the change when it is a transition worth keeping; returns the failure message when the cluster failed.</summary>
    public async Task<string?> ObserveAsync(ClusterChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Cluster is not { } cluster)
        {
            return null;
        }

        if (change.Kind == WatchChangeKind.Deleted)
        {
            var gone = ObservedTransitions.Deleted(cluster.Uid, cluster.CreationTimestamp, cluster.DeletionTimestamp, _time.GetUtcNow());
            await _history.RecordObservedAsync(cluster.Namespace, cluster.Name, gone, cancellationToken);
            return null;
        }

        var verdict = WaitEvaluator.Evaluate(cluster, WaitGoal.Ready, readyNotBefore: null);
        switch (verdict.State)
        {
            case WaitState.Ready:
                await _history.RecordObservedAsync(cluster.Namespace, cluster.Name, ObservedTransitions.Ready(cluster, since: null), cancellationToken);
                return null;
            case WaitState.Failed:
                await _history.RecordObservedAsync(cluster.Namespace, cluster.Name, ObservedTransitions.Failed(cluster, verdict.Message), cancellationToken);
                return verdict.Message;
            default:
                return null;
        }
    }
}
