using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Text;
using Childctl.Kubernetes;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Delete;

/// <summary>
/// <c>delete --wait</c>: one watch over the plan's scope follows every deleted cluster (by uid) until it is gone,
/// recording <c>observed_deleted</c> for each; on timeout, WaitTimedOut names those still there and why.
/// </summary>
public sealed partial class DeleteClustersService
{
    private async Task WaitGoneAsync(DeletePlan plan, List<DeletePlanItem> deleted, TimeSpan timeout, IDeleteInteraction? observer, CancellationToken cancellationToken)
    {
        var time = session.Time;
        var recorder = session.Recorder();
        var remaining = deleted.ToDictionary(i => i.Uid, i => (Item: i, Last: (ClusterDeployment?)null), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var ns = plan.Selection.Namespace;
        try
        {
            await foreach (var change in session.Api.WatchClustersAsync(ns, new WatchFilter(LabelSelector: plan.Selection.Filter.LabelSelector), linked.Token))
            {
                var gone = Follow(change, remaining, seen);
                foreach (var uid in gone)
                {
                    var (item, last) = remaining[uid];
                    remaining.Remove(uid);
                    await recorder.RecordObservedAsync(item.Namespace, item.Name,
                        ObservedTransitions.Deleted(uid, item.CreationTimestamp, last?.DeletionTimestamp, time.GetUtcNow(), sawItGo: last is not null), cancellationToken);
                    observer?.OnGone(item, deleted.Count - remaining.Count, deleted.Count);
                }

                if (remaining.Count == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }

        throw StillThere(timeout, remaining.Values.ToList());
    }

    /// <summary>The uids the change shows gone: deleted ones, and after the first list those that were not in it.</summary>
    private static List<string> Follow(
        WatchChange<ClusterDeployment> change, Dictionary<string, (DeletePlanItem Item, ClusterDeployment? Last)> remaining, HashSet<string> seen)
    {
        switch (change)
        {
            case { Kind: WatchChangeKind.Added or WatchChangeKind.Modified, Object: { } present } when remaining.ContainsKey(present.Uid):
                seen.Add(present.Uid);
                remaining[present.Uid] = (remaining[present.Uid].Item, present);
                return [];
            case { Kind: WatchChangeKind.Deleted, Object: { } gone } when remaining.ContainsKey(gone.Uid):
                return [gone.Uid];
            case { Kind: WatchChangeKind.Synced }:
                return remaining.Keys.Where(uid => !seen.Contains(uid)).ToList();
            default:
                return [];
        }
    }

    private static ChildctlException StillThere(TimeSpan timeout, List<(DeletePlanItem Item, ClusterDeployment? Last)> left)
    {
        var shown = left.Take(10).Select(l =>
            $"{l.Item.Namespace}/{l.Item.Name}" + (l.Last is { } c ? $" ({PhaseRule.Evaluate(c).Reason})" : string.Empty));
        var more = left.Count > 10 ? $" and {left.Count - 10} more" : string.Empty;
        return new ChildctlException(ErrorKind.WaitTimedOut,
            $"timed out after {DurationText.Format(timeout)} with {left.Count} cluster(s) not yet gone: {string.Join("; ", shown)}{more}");
    }
}
