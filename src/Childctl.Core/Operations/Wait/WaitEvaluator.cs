using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// Decides, from one observation of a ClusterDeployment, whether a wait is over. Pure; builds on
/// <see cref="PhaseRule"/> and adds what a wait needs to trust a Ready (anchors-mission.md idea 4, kcm#1296/#2716):
/// <list type="bullet">
/// <item>every condition's <c>observedGeneration</c> (not only Ready's) has caught up with <c>metadata.generation</c>;</item>
/// <item>for a change made by this operation, the Ready transition is not older than the operation's start, truncated
/// to the second because Kubernetes timestamps have one-second resolution;</item>
/// <item>for a real (non dry-run) cluster, HelmReleaseReady and CAPIClusterSummary exist and are True: k0rdent has
/// been seen to report Ready for a moment right after creation, before the Helm release and CAPI exist.</item>
/// </list>
/// A Failed stops the wait only once k0rdent has observed the current spec (the phase rule's stale guard).
/// </summary>
internal static class WaitEvaluator
{
    /// <param name="cluster">The object as last seen; null when it does not exist.</param>
    /// <param name="goal">What is waited for.</param>
    /// <param name="readyNotBefore">The start of the operation whose change is awaited, or null (plain <c>wait</c>).</param>
    public static WaitVerdict Evaluate(ClusterDeployment? cluster, WaitGoal goal, DateTimeOffset? readyNotBefore)
    {
        if (cluster is null)
        {
            return new WaitVerdict(WaitState.Gone, "not found", [], null);
        }

        var phase = PhaseRule.Evaluate(cluster);
        if (goal == WaitGoal.Deleted)
        {
            return new WaitVerdict(WaitState.Pending, $"still present ({phase.Phase}: {phase.Reason})", [$"still exists, phase {phase.Phase}: {phase.Reason}"], phase);
        }

        return phase.Phase switch
        {
            ClusterPhase.Deleting => new WaitVerdict(WaitState.Deleting, $"is being deleted ({phase.Reason}); it will not become Ready", [], phase),
            ClusterPhase.Failed => new WaitVerdict(WaitState.Failed, phase.Reason, [], phase),
            ClusterPhase.DryRun => DryRun(cluster, phase, readyNotBefore),
            ClusterPhase.Ready => Trust(cluster, phase, readyNotBefore, requirePipeline: true),
            _ => Pending(cluster, phase, []),
        };
    }

    private static WaitVerdict DryRun(ClusterDeployment cluster, PhaseVerdict phase, DateTimeOffset? notBefore)
    {
        var ready = cluster.FindCondition(ConditionTypes.Ready);
        if (ready is { IsFalse: true, Reason: "Failed" } && !IsStale(cluster, ready))
        {
            return new WaitVerdict(WaitState.Failed, phase.Reason, [], phase);
        }

        return ready is { IsTrue: true } ? Trust(cluster, phase, notBefore, requirePipeline: false) : Pending(cluster, phase, []);
    }

    private static WaitVerdict Trust(ClusterDeployment cluster, PhaseVerdict phase, DateTimeOffset? notBefore, bool requirePipeline)
    {
        var doubts = new List<string>();
        foreach (var condition in cluster.Conditions.Where(c => c.ObservedGeneration < cluster.Generation))
        {
            doubts.Add($"{condition.Type} describes generation {condition.ObservedGeneration}, not the current {cluster.Generation}");
        }

        var ready = cluster.FindCondition(ConditionTypes.Ready)!;
        if (notBefore is { } start && ready.LastTransitionTime is { } since && since < TruncateToSecond(start))
        {
            doubts.Add($"Ready has been True since {since:u}, before this operation started ({start:u}); waiting for k0rdent to act on the change");
        }

        if (requirePipeline)
        {
            foreach (var type in new[] { ConditionTypes.HelmReleaseReady, ConditionTypes.CapiClusterSummary })
            {
                if (cluster.FindCondition(type) is not { IsTrue: true })
                {
                    doubts.Add($"Ready is True but {type} is not yet True: not trusted (k0rdent can report Ready early)");
                }
            }
        }

        return doubts.Count == 0
            ? new WaitVerdict(WaitState.Ready, phase.Reason, [], phase)
            : Pending(cluster, phase, doubts);
    }

    private static WaitVerdict Pending(ClusterDeployment cluster, PhaseVerdict phase, List<string> doubts)
    {
        var unmet = new List<string>(doubts);
        if (cluster.ObservedGeneration is { } observed && observed < cluster.Generation)
        {
            unmet.Add($"k0rdent has observed generation {observed}, not the current {cluster.Generation}");
        }

        unmet.AddRange(Unmet(cluster));
        return new WaitVerdict(WaitState.Pending, phase.Reason, unmet, phase);
    }

    /// <summary>Each condition that is not True, in pipeline order, as "Type Status/Reason: message".</summary>
    public static IEnumerable<string> Unmet(ClusterDeployment cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (!cluster.HasStatus)
        {
            yield return "no status yet: k0rdent has not reconciled the cluster";
            yield break;
        }

        foreach (var condition in ConditionTypes.InPipelineOrder(cluster.Conditions).Where(c => !c.IsTrue && c.Type != ConditionTypes.Deleting))
        {
            var message = ConditionMessages.Summarize(condition.Message);
            yield return message.Length == 0 || message == "."
                ? $"{condition.Type} {condition.Status}/{condition.Reason}"
                : $"{condition.Type} {condition.Status}/{condition.Reason}: {message}";
        }
    }

    public static DateTimeOffset TruncateToSecond(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    private static bool IsStale(ClusterDeployment cluster, Condition condition) =>
        cluster.ObservedGeneration < cluster.Generation || condition.ObservedGeneration < cluster.Generation;
}
