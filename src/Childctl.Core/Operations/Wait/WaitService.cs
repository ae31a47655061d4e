using Childctl.Core.Text;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// <c>wait NAME</c>: follows one ClusterDeployment with a list-and-watch (re-list on 410, reconnect, poll as a last
/// resort) until <see cref="WaitEvaluator"/> calls it done. Ready or gone returns; a terminal failure throws
/// ClusterFailed (exit 7) with k0rdent's reason; running out of time throws WaitTimedOut (exit 6) listing what is
/// unmet. The transition it ends on is recorded as observed history (ready, failed, deleted), idempotently.
/// </summary>
public sealed class WaitService
{
    private readonly ManagementApi _api;
    private readonly HistoryRecorder _history;
    private readonly TimeProvider _time;

    public WaitService(ManagementApi api, HistoryRecorder history, TimeProvider time)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _history = history ?? throw new ArgumentNullException(nameof(history));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async Task<WaitOutcome> WaitAsync(WaitRequest request, IWaitObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(request.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var tracker = new WaitTracker(request);
        try
        {
            await foreach (var change in _api.WatchClustersAsync(request.Namespace, WatchFilter.ForName(request.Name), linked.Token))
            {
                if (!tracker.Apply(change))
                {
                    continue;
                }

                var verdict = WaitEvaluator.Evaluate(tracker.Current, request.Goal, request.NotBefore);
                tracker.Last = verdict;
                observer?.OnUpdate(new WaitSnapshot(_time.GetElapsedTime(started), tracker.Current, verdict));
                if (verdict.IsTerminal)
                {
                    return await FinishAsync(request, tracker, verdict, _time.GetElapsedTime(started), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }

        throw TimedOut(request, tracker.Last);
    }

    private async Task<WaitOutcome> FinishAsync(WaitRequest request, WaitTracker tracker, WaitVerdict verdict, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var what = $"ClusterDeployment \"{request.Name}\" in namespace \"{request.Namespace}\"";
        switch (verdict.State)
        {
            case WaitState.Ready:
                await _history.RecordObservedAsync(request.Namespace, request.Name, ObservedTransitions.Ready(tracker.Current!, request.NotBefore), cancellationToken);
                return new WaitOutcome(WaitState.Ready, elapsed, tracker.Current, verdict.Message);
            case WaitState.Failed:
                await _history.RecordObservedAsync(request.Namespace, request.Name, ObservedTransitions.Failed(tracker.Current!, verdict.Message), cancellationToken);
                throw new ChildctlException(ErrorKind.ClusterFailed, $"{what} failed: {verdict.Message}");
            case WaitState.Deleting:
                throw new ChildctlException(ErrorKind.ClusterFailed, $"{what} {verdict.Message}");
            default:
                return await GoneAsync(request, tracker, elapsed, what, cancellationToken);
        }
    }

    private async Task<WaitOutcome> GoneAsync(WaitRequest request, WaitTracker tracker, TimeSpan elapsed, string what, CancellationToken cancellationToken)
    {
        var uid = tracker.LastSeen?.Uid ?? request.Uid;
        if (uid is not null && (tracker.LastSeen is not null || request.Uid is not null))
        {
            var record = ObservedTransitions.Deleted(uid, tracker.LastSeen?.CreationTimestamp, tracker.LastSeen?.DeletionTimestamp, _time.GetUtcNow());
            await _history.RecordObservedAsync(request.Namespace, request.Name, record, cancellationToken);
        }
        else if (request.Goal == WaitGoal.Deleted && await _history.FindPendingDeletionAsync(request.Namespace, request.Name, cancellationToken) is { } pending)
        {
            // Gone before this wait could see it: the delete childctl recorded has completed.
            var record = ObservedTransitions.Deleted(pending.Uid, pending.CreatedAt, pending.RequestedAt, _time.GetUtcNow());
            await _history.RecordObservedAsync(request.Namespace, request.Name, record, cancellationToken);
        }

        if (request.Goal == WaitGoal.Deleted)
        {
            return new WaitOutcome(WaitState.Gone, elapsed, tracker.LastSeen, "deleted");
        }

        throw ChildctlException.NotFound(tracker.LastSeen is null
            ? $"{what} not found: nothing to wait for ('childctl list -n {request.Namespace}' shows what exists)"
            : $"{what} was deleted while waiting for it to become Ready");
    }

    private static ChildctlException TimedOut(WaitRequest request, WaitVerdict? last)
    {
        var goal = request.Goal == WaitGoal.Ready ? "become Ready" : "be deleted";
        var unmet = last?.Unmet is { Count: > 0 } list ? string.Join("; ", list) : "no observation yet";
        return new ChildctlException(ErrorKind.WaitTimedOut,
            $"timed out after {DurationText.Format(request.Timeout)} waiting for ClusterDeployment \"{request.Name}\" in namespace \"{request.Namespace}\" to {goal}; unmet: {unmet}");
    }
}
