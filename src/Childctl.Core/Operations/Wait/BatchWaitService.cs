using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Text;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// <c>wait NAME... | -l | --all</c>, and <c>upgrade -l ... --wait</c>: follows many clusters at once through one
/// list-and-watch of their scope (not one watch per cluster), each pinned to the incarnation the selection found, and
/// judges each with the same <see cref="WaitEvaluator"/> as a single wait, recording the transition each ends on as
/// observed history with the same ids. All share one deadline; a cluster that fails or times out does not stop the
/// others. A batch of exactly one cluster that fails ends with that failure's error (exit 3, 6 or 7), as a single
/// wait does; otherwise the summary says whether part failed (exit 8).
/// </summary>
public sealed class BatchWaitService(Session session)
{
    public async Task<BatchWaitSummary> WaitAsync(BatchWaitRequest request, IBatchWaitObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Selection.Validate("wait for", session.Options.AllNamespaces);
        var resolved = await request.Selection.ResolveAsync(session, keepObjects: false, cancellationToken);
        if (request.Goal == WaitGoal.Ready && resolved.Clusters.Count == 0 && resolved.MissingNames.Count > 0)
        {
            throw ChildctlException.NotFound(
                $"none of the named clusters exist in namespace \"{resolved.Namespace}\" ('childctl list -n {resolved.Namespace}' shows what exists)");
        }

        var targets = resolved.Clusters.Select(o => WaitTarget.Of(o.Cluster)).ToList();
        var scope = new WaitScope(resolved.Namespace, request.Selection.Filter.LabelSelector, resolved.Describe());
        return await WaitAllAsync(targets, request.Goal, request.Timeout, scope, resolved.MissingNames, observer, cancellationToken);
    }

    /// <summary>Follows <paramref name="targets"/> until each has ended or the deadline passes; never throws for one cluster's failure unless it is the only one.</summary>
    internal async Task<BatchWaitSummary> WaitAllAsync(
        IReadOnlyList<WaitTarget> targets, WaitGoal goal, TimeSpan timeout, WaitScope scope, IReadOnlyList<string> missing,
        IBatchWaitObserver? observer, CancellationToken cancellationToken)
    {
        observer?.OnWaitingAll(targets, goal, timeout, scope.Description);
        var states = targets.Select(t => new Followed(t)).ToList();
        var clock = new Clock(session.Time);
        if (states.Count > 0)
        {
            await FollowAsync(states, goal, timeout, scope, clock, observer, cancellationToken);
        }

        foreach (var state in states.Where(s => s.Result is null))
        {
            var unmet = state.Verdict?.Unmet is { Count: > 0 } list ? string.Join("; ", list) : "no observation yet";
            state.Result = new BatchWaitResult(state.Target.Namespace, state.Target.Name, BatchWaitOutcome.TimedOut, clock.Elapsed, $"timed out after {DurationText.Format(timeout)}; unmet: {unmet}");
            observer?.OnWaitEnded(state.Result, states.Count(s => s.Result is not null), states.Count);
        }

        var summary = new BatchWaitSummary(goal, states.Select(s => s.Result!).ToList(), missing);
        observer?.OnWaitSummary(summary);
        ThrowIfTheOnlyOneFailed(summary);
        return summary;
    }

    private async Task FollowAsync(List<Followed> states, WaitGoal goal, TimeSpan timeout, WaitScope scope, Clock clock, IBatchWaitObserver? observer, CancellationToken cancellationToken)
    {
        var byUid = states.ToDictionary(s => s.Target.Uid, StringComparer.Ordinal);
        using var deadline = new CancellationTokenSource(timeout, session.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var synced = false;
        try
        {
            await foreach (var change in session.Api.WatchClustersAsync(scope.Namespace, new WatchFilter(LabelSelector: scope.LabelSelector), linked.Token))
            {
                var touched = Apply(change, states, byUid);
                synced |= change.Kind == WatchChangeKind.Synced;
                if (!synced || touched.Count == 0)
                {
                    continue;
                }

                foreach (var state in touched.Where(s => s.Result is null))
                {
                    state.Verdict = WaitEvaluator.Evaluate(state.Current, goal, state.Target.NotBefore);
                    if (state.Verdict.IsTerminal)
                    {
                        state.Result = await FinishAsync(state, goal, clock.Elapsed, cancellationToken);
                        observer?.OnWaitEnded(state.Result, states.Count(s => s.Result is not null), states.Count);
                    }
                }

                observer?.OnProgress(new BatchWaitSnapshot(clock.Elapsed, goal, states.Select(s => new BatchWaitItem(s.Target, s.Verdict, s.Result)).ToList()));
                if (states.All(s => s.Result is not null))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Folds one change into the followed clusters; returns those it may have moved (all of them at the sync).</summary>
    private static List<Followed> Apply(WatchChange<ClusterDeployment> change, List<Followed> states, Dictionary<string, Followed> byUid)
    {
        switch (change)
        {
            case { Kind: WatchChangeKind.Synced }:
                return states;
            case { Kind: WatchChangeKind.Added or WatchChangeKind.Modified, Object: { } seen } when byUid.TryGetValue(seen.Uid, out var state):
                if (state.LastSeen is { } before)
                {
                    var phase = PhaseRule.Evaluate(before).Phase;
                    state.SawNotReady |= phase != ClusterPhase.Ready;
                    state.SawNotFailed |= phase != ClusterPhase.Failed;
                }

                state.Current = seen;
                state.LastSeen = seen;
                return [state];
            case { Kind: WatchChangeKind.Added or WatchChangeKind.Modified, Object: { } other }:
                // Another incarnation under a followed name: the pinned one is gone.
                var replaced = states.Where(s => s.Current is not null && s.Target.Name == other.Name && s.Target.Namespace == other.Namespace).ToList();
                replaced.ForEach(s => s.Current = null);
                return replaced;
            case { Kind: WatchChangeKind.Deleted, Object: { } gone } when byUid.TryGetValue(gone.Uid, out var state):
                state.Current = null;
                return [state];
            default:
                return [];
        }
    }

    private async Task<BatchWaitResult> FinishAsync(Followed state, WaitGoal goal, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var (t, verdict, recorder) = (state.Target, state.Verdict!, session.Recorder());
        BatchWaitResult Result(BatchWaitOutcome outcome, string message) => new(t.Namespace, t.Name, outcome, elapsed, message);
        switch (verdict.State)
        {
            case WaitState.Ready:
                await recorder.RecordObservedAsync(t.Namespace, t.Name, ObservedTransitions.Ready(state.Current!, t.NotBefore, state.SawNotReady), cancellationToken);
                return Result(BatchWaitOutcome.Ready, "ready");
            case WaitState.Failed:
                await recorder.RecordObservedAsync(t.Namespace, t.Name, ObservedTransitions.Failed(state.Current!, verdict.Message, session.Time.GetUtcNow(), state.SawNotFailed), cancellationToken);
                return Result(BatchWaitOutcome.Failed, $"failed: {verdict.Message}");
            case WaitState.Deleting:
                return Result(BatchWaitOutcome.Failed, verdict.Message);
            default:
                var now = session.Time.GetUtcNow();
                await recorder.RecordObservedAsync(t.Namespace, t.Name,
                    ObservedTransitions.Deleted(t.Uid, t.CreationTimestamp, state.LastSeen?.DeletionTimestamp, now, sawItGo: state.LastSeen is not null), cancellationToken);
                return goal == WaitGoal.Deleted
                    ? Result(BatchWaitOutcome.Deleted, "deleted")
                    : Result(BatchWaitOutcome.NotFound, "was deleted while waiting for it to become Ready");
        }
    }

    /// <summary>A batch that came down to one cluster ends with that cluster's error and exit code, not exit 8.</summary>
    private static void ThrowIfTheOnlyOneFailed(BatchWaitSummary summary)
    {
        if (summary.Results.Count != 1 || summary.MissingNames.Count > 0 || !summary.Results[0].Failed)
        {
            return;
        }

        var only = summary.Results[0];
        var kind = only.Outcome switch
        {
            BatchWaitOutcome.NotFound => ErrorKind.NotFound,
            BatchWaitOutcome.TimedOut => ErrorKind.WaitTimedOut,
            _ => ErrorKind.ClusterFailed,
        };
        throw new ChildctlException(kind, $"ClusterDeployment \"{only.Name}\" in namespace \"{only.Namespace}\" {only.Message}");
    }

    /// <summary>One followed cluster: the object under its uid now (null once gone), the last seen, its verdict and its end.</summary>
    private sealed class Followed(WaitTarget target)
    {
        public WaitTarget Target { get; } = target;

        public ClusterDeployment? Current { get; set; }

        public ClusterDeployment? LastSeen { get; set; }

        public WaitVerdict? Verdict { get; set; }

        /// <summary>Whether an earlier observation of this uid was not Ready (not Failed): a transition childctl saw, so its time is known.</summary>
        public bool SawNotReady { get; set; }

        public bool SawNotFailed { get; set; }

        public BatchWaitResult? Result { get; set; }
    }

    private sealed class Clock(TimeProvider time)
    {
        private readonly long _started = time.GetTimestamp();

        public TimeSpan Elapsed => time.GetElapsedTime(_started);
    }
}

/// <summary>What one watch covers for a batch wait: the namespace (null: all), the server-side label selector, and how it reads.</summary>
internal sealed record WaitScope(string? Namespace, string? LabelSelector, string Description);
