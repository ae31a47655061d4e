using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// Decides, from one observation of a ClusterDeployment, whether a wait is over. Pure. Whether the cluster is ready is
/// <see cref="PhaseRule"/>'s verdict alone, the one every command shows (a Ready is trusted there or nowhere); a wait
/// adds one thing that is about the operation, not the cluster: for a change made by this operation, the Ready
/// transition must not be older than the operation's start, truncated to the second because Kubernetes timestamps
/// have one-second resolution. A dry run ends the wait without being ready: valid (<see cref="WaitState.DryRun"/>) or
/// invalid (Failed).
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
            ClusterPhase.DryRun => phase.DryRunCheck switch
            {
                DryRunCheck.Invalid => new WaitVerdict(WaitState.Failed, phase.Reason, [], phase),
                DryRunCheck.Valid => new WaitVerdict(WaitState.DryRun, phase.Reason, [], phase),
                _ => Pending(cluster, phase, []),
            },
            ClusterPhase.Ready => Trust(cluster, phase, readyNotBefore),
            _ => Pending(cluster, phase, cluster.FindCondition(ConditionTypes.Ready) is { IsTrue: true } ? [phase.Reason] : []),
        };
    }

    private static WaitVerdict Trust(ClusterDeployment cluster, PhaseVerdict phase, DateTimeOffset? notBefore)
    {
        var ready = cluster.FindCondition(ConditionTypes.Ready)!;
        if (notBefore is { } start && ready.LastTransitionTime is { } since && since < TruncateToSecond(start))
        {
            return Pending(cluster, phase, [$"Ready has been True since {since:u}, before this operation started ({start:u}); waiting for k0rdent to act on the change"]);
        }

        return new WaitVerdict(WaitState.Ready, phase.Reason, [], phase);
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
}
