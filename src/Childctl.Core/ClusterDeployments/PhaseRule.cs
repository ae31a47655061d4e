namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// The one rule for a ClusterDeployment's phase and readiness (REFERENCE.md §5 and §8), used by every command.
/// Pure: a function of the object alone. In order:
/// <list type="number">
/// <item>a <c>deletionTimestamp</c> or a True <c>Deleting</c> condition → Deleting;</item>
/// <item><c>spec.dryRun</c> → DryRun, whatever Ready says (a valid dry run reports Ready=True but deploys nothing);</item>
/// <item>no Ready condition yet → Provisioning;</item>
/// <item>stale guard: <c>status.observedGeneration</c> or the Ready condition's <c>observedGeneration</c> behind
/// <c>metadata.generation</c> → Provisioning, since Ready describes an older spec;</item>
/// <item>Ready True → Ready; Ready False/Failed → Failed; anything else → Provisioning.</item>
/// </list>
/// The reason never parses the Ready message (k0rdent joins sub-messages into it); it summarises the most useful
/// failing or progressing condition instead.
/// </summary>
internal static class PhaseRule
{
    public static PhaseVerdict Evaluate(ClusterDeployment cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var deleting = cluster.FindCondition(ConditionTypes.Deleting);
        if (cluster.DeletionTimestamp is not null || deleting is { IsTrue: true })
        {
            return new PhaseVerdict(ClusterPhase.Deleting, DeletingReason(deleting));
        }

        var ready = cluster.FindCondition(ConditionTypes.Ready);
        if (cluster.DryRun)
        {
            return new PhaseVerdict(ClusterPhase.DryRun, DryRunReason(cluster, ready));
        }

        if (ready is null)
        {
            return new PhaseVerdict(ClusterPhase.Provisioning, cluster.HasStatus ? "waiting for k0rdent to report Ready" : "not yet reconciled by k0rdent");
        }

        if (StaleReason(cluster, ready) is { } stale)
        {
            return new PhaseVerdict(ClusterPhase.Provisioning, stale);
        }

        if (ready.IsTrue)
        {
            return new PhaseVerdict(ClusterPhase.Ready, string.IsNullOrWhiteSpace(ready.Message) ? "ready" : ConditionMessages.Summarize(ready.Message));
        }

        return ready.IsFalse && ready.Reason == "Failed"
            ? new PhaseVerdict(ClusterPhase.Failed, FailureReason(cluster) ?? Fallback(ready))
            : new PhaseVerdict(ClusterPhase.Provisioning, ProgressReason(cluster) ?? Fallback(ready));
    }

    /// <summary>Which observation lags <c>metadata.generation</c>, in words, else null: the object's status, or only its Ready condition.</summary>
    private static string? StaleReason(ClusterDeployment cluster, Condition? ready)
    {
        if (cluster.ObservedGeneration is { } statusGen && statusGen < cluster.Generation)
        {
            return $"spec changed (generation {cluster.Generation}); k0rdent has observed only generation {statusGen}";
        }

        return ready?.ObservedGeneration is { } readyGen && readyGen < cluster.Generation
            ? $"spec changed (generation {cluster.Generation}); the Ready condition still describes generation {readyGen}"
            : null;
    }

    private static string DeletingReason(Condition? deleting)
    {
        if (deleting is null || !deleting.IsTrue)
        {
            return "deletion requested; waiting for k0rdent to tear down";
        }

        var summary = ConditionMessages.Summarize(deleting.Message);
        return summary.Length == 0 ? deleting.Reason : $"{deleting.Reason}: {summary}";
    }

    private static string DryRunReason(ClusterDeployment cluster, Condition? ready)
    {
        // A validation of an older spec says nothing about this one (the stale guard, as for Ready).
        var current = StaleReason(cluster, ready) is null;
        if (current && FailureReason(cluster) is { } failure)
        {
            return $"dry run, invalid: {failure}";
        }

        return ready is { IsTrue: true } && current
            ? "dry run: configuration valid, nothing deployed"
            : "dry run: validating, nothing will be deployed";
    }

    /// <summary>The first condition that k0rdent counts as an error (§5), in pipeline order.</summary>
    private static string? FailureReason(ClusterDeployment cluster)
    {
        foreach (var condition in InPipelineOrder(cluster))
        {
            if (condition.Type is ConditionTypes.Paused && condition.IsTrue)
            {
                return Describe(condition);
            }

            if (condition.IsFalse && condition.Type is not (ConditionTypes.Paused or ConditionTypes.ServicesInReadyState))
            {
                return condition.Type == ConditionTypes.CapiClusterSummary ? ConditionMessages.Summarize(condition.Message) : Describe(condition);
            }
        }

        return null;
    }

    /// <summary>What the cluster is waiting for: a CAPI step, services, or the first condition not yet known.</summary>
    private static string? ProgressReason(ClusterDeployment cluster)
    {
        var ordered = InPipelineOrder(cluster).ToList();
        if (ordered.FirstOrDefault(c => c.Type == ConditionTypes.CapiClusterSummary && c.IsFalse) is { } capi
            && ConditionMessages.Summarize(capi.Message) is { Length: > 0 } bullet)
        {
            return bullet;
        }

        if (ordered.FirstOrDefault(c => c.Type == ConditionTypes.ServicesInReadyState && c.IsFalse) is { } services)
        {
            return $"services ready: {services.Message}";
        }

        return ordered.FirstOrDefault(c => c.IsUnknown) is { } pending ? $"waiting for {pending.Type}" : null;
    }

    private static IEnumerable<Condition> InPipelineOrder(ClusterDeployment cluster) =>
        ConditionTypes.InPipelineOrder(cluster.Conditions.Where(c => c.Type is not (ConditionTypes.Ready or ConditionTypes.Deleting)));

    private static string Describe(Condition condition)
    {
        var summary = ConditionMessages.Summarize(condition.Message);
        return summary.Length == 0 ? $"{condition.Type} {condition.Reason}" : $"{condition.Type}: {summary}";
    }

    private static string Fallback(Condition ready) =>
        ConditionMessages.Summarize(ready.Message) is { Length: > 0 } text && text != "." ? text : $"Ready {ready.Status}/{ready.Reason}";
}

/// <summary>
/// The outcome of <see cref="PhaseRule"/>: the phase, whether the cluster may be called ready (only in
/// <see cref="ClusterPhase.Ready"/>), and one line saying why, fit for a table cell.
/// </summary>
public sealed record PhaseVerdict(ClusterPhase Phase, string Reason)
{
    public bool IsReady => Phase == ClusterPhase.Ready;
}

/// <summary>childctl's phase of a ClusterDeployment (REFERENCE.md §8); k0rdent itself has no phase field.</summary>
public enum ClusterPhase
{
    Provisioning,
    Ready,
    Failed,
    Deleting,
    DryRun,
}
