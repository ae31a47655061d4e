using Childctl.Core.Errors;
using Childctl.Core.Text;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// <c>wait NAME</c>, and every <c>--wait</c>: follows one ClusterDeployment (<see cref="ClusterFollower"/>) until
/// <see cref="WaitEvaluator"/> calls it done. Ready or gone returns; so does a validated dry run, as such (it never becomes Ready,
/// and nothing is recorded of it); a terminal failure throws ClusterFailed (exit 7)
/// with k0rdent's reason; running out of time throws WaitTimedOut (exit 6) listing what is unmet. The transition it ends
/// on is recorded as observed history (ready, failed, deleted), idempotently.
/// </summary>
public sealed class WaitService(Session session)
{
    public async Task<WaitOutcome> WaitAsync(WaitRequest request, IWaitObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer?.OnWaiting(request);
        var time = session.Time;
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(request.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var follower = new ClusterFollower(session, request.Namespace, request.Name, request.Uid);
        WaitVerdict? last = null;
        try
        {
            await foreach (var step in follower.RunAsync(linked.Token))
            {
                if (!step.Settled)
                {
                    continue;
                }

                last = WaitEvaluator.Evaluate(follower.Current, request.Goal, request.NotBefore);
                observer?.OnUpdate(new WaitSnapshot(time.GetElapsedTime(started), follower.Current, last));
                if (last.IsTerminal)
                {
                    var outcome = await FinishAsync(request, follower, last, time.GetElapsedTime(started), cancellationToken);
                    observer?.OnWaited(outcome);
                    return outcome;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }

        throw TimedOut(request, last);
    }

    private static async Task<WaitOutcome> FinishAsync(WaitRequest request, ClusterFollower follower, WaitVerdict verdict, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var what = $"ClusterDeployment \"{request.Name}\" in namespace \"{request.Namespace}\"";
        switch (verdict.State)
        {
            case WaitState.Ready:
                await follower.RecordReadyAsync(follower.Current!, request.NotBefore, cancellationToken);
                return new WaitOutcome(request, WaitState.Ready, elapsed, follower.Current, verdict.Message);
            case WaitState.Failed:
                await follower.RecordFailedAsync(follower.Current!, verdict.Message, cancellationToken);
                throw new ChildctlException(ErrorKind.ClusterFailed, $"{what} failed: {verdict.Message}");
            case WaitState.Deleting:
                throw new ChildctlException(ErrorKind.ClusterFailed, $"{what} {verdict.Message}");
            case WaitState.DryRun:
                // Nothing is recorded: a validation is not a Ready, and no ready milestone may come of it.
                return new WaitOutcome(request, WaitState.DryRun, elapsed, follower.Current, verdict.Message);
            default:
                await follower.RecordGoneAsync(pendingDeletion: request.Goal == WaitGoal.Deleted, cancellationToken);
                return request.Goal == WaitGoal.Deleted
                    ? new WaitOutcome(request, WaitState.Gone, elapsed, follower.LastSeen, "deleted")
                    : throw ChildctlException.NotFound(follower.LastSeen is null
                        ? $"{what} not found: nothing to wait for ('childctl list -n {request.Namespace}' shows what exists)"
                        : $"{what} was deleted while waiting for it to become Ready");
        }
    }

    private static ChildctlException TimedOut(WaitRequest request, WaitVerdict? last)
    {
        var goal = request.Goal == WaitGoal.Ready ? "become Ready" : "be deleted";
        var unmet = last?.Unmet is { Count: > 0 } list ? string.Join("; ", list) : "no observation yet";
        return new ChildctlException(ErrorKind.WaitTimedOut,
            $"timed out after {DurationText.Format(request.Timeout)} waiting for ClusterDeployment \"{request.Name}\" in namespace \"{request.Namespace}\" to {goal}; unmet: {unmet}");
    }
}
