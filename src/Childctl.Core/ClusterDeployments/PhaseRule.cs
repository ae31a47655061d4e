namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// The one rule for a ClusterDeployment's phase and readiness (REFERENCE.md §5 and §8), used by every command: list,
/// status, wait, watch, the delete plan, audit and every derived <c>-o json</c> field call <see cref="Evaluate"/>.
/// Pure: a function of the object alone. In order:
/// <list type="number">
/// <item>a <c>deletionTimestamp</c> or a True <c>Deleting</c> condition → Deleting;</item>
/// <item><c>spec.dryRun</c> → DryRun, whatever Ready says (a valid dry run reports Ready=True but deploys nothing), so
/// a dry run is never ready; <see cref="PhaseVerdict.DryRunCheck"/> says whether the current spec validated;</item>
/// <item>no Ready condition yet → Provisioning;</item>
/// <item>stale guard: <c>status.observedGeneration</c> or the Ready condition's <c>observedGeneration</c> behind
/// <c>metadata.generation</c> → Provisioning, since Ready describes an older spec;</item>
/// <item>Ready False/Failed → Failed;</item>
/// <item>Ready True is trusted (→ Ready) only when every condition describes the current generation and HelmReleaseReady
/// and CAPIClusterSummary exist and are True: k0rdent has been seen to report Ready for a moment right after creation,
/// before the Helm release and the CAPI cluster exist (kcm#1296/#2716). Otherwise → Provisioning, saying why;</item>
/// <item>anything else → Provisioning.</item>
/// </list>
/// The reason never parses the Ready message (k0rdent joins sub-messages into it); it summarises the most useful
/// failing or progressing condition instead.
/// </summary>
public static class PhaseRule
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
            return DryRun(cluster, ready);
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
            return Untrusted(cluster) is { } doubt
                ? new PhaseVerdict(ClusterPhase.Provisioning, doubt)
                : new PhaseVerdict(ClusterPhase.Ready, string.IsNullOrWhiteSpace(ready.Message) ? "ready" : ConditionMessages.Summarize(ready.Message));
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

    /// <summary>
    /// Why a Ready=True is not trusted, else null: a condition that describes an older generation, or, for a real
    /// cluster, HelmReleaseReady or CAPIClusterSummary not (yet) True.
    /// </summary>
    private static string? Untrusted(ClusterDeployment cluster)
    {
        if (ConditionTypes.InPipelineOrder(cluster.Conditions).FirstOrDefault(c => c.ObservedGeneration < cluster.Generation) is { } lagging)
        {
            return $"spec changed (generation {cluster.Generation}); {lagging.Type} still describes generation {lagging.ObservedGeneration}";
        }

        foreach (var type in TrustedReadyNeeds)
        {
            if (cluster.FindCondition(type) is not { IsTrue: true } condition)
            {
                var state = cluster.FindCondition(type) is { } c ? $"is {c.Status}" : "does not exist yet";
                return $"k0rdent reports Ready but {type} {state}: not trusted yet (k0rdent can report Ready early)";
            }
        }

        return null;
    }

    /// <summary>A validation of an older spec says nothing about this one (the stale guard, as for Ready); k0rdent's Ready judges the current one.</summary>
    private static PhaseVerdict DryRun(ClusterDeployment cluster, Condition? ready)
    {
        var current = ready is not null && StaleReason(cluster, ready) is null;
        if (current && ready!.IsFalse && ready.Reason == "Failed")
        {
            return new PhaseVerdict(ClusterPhase.DryRun, $"dry run, invalid: {FailureReason(cluster) ?? Fallback(ready)}") { DryRunCheck = DryRunCheck.Invalid };
        }

        return current && ready!.IsTrue
            ? new PhaseVerdict(ClusterPhase.DryRun, "dry run: configuration valid, nothing deployed") { DryRunCheck = DryRunCheck.Valid }
            : new PhaseVerdict(ClusterPhase.DryRun, "dry run: validating, nothing will be deployed") { DryRunCheck = DryRunCheck.Validating };
    }

    /// <summary>
    /// The first condition that k0rdent counts as an error (§5), in pipeline order: a True Paused, or a False condition
    /// other than ServicesInReadyState (a False CAPIClusterSummary counts once it is 30 minutes old, which only Ready's
    /// reason tells). Null when there is none.
    /// </summary>
    public static Condition? FailingCondition(ClusterDeployment cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return InPipelineOrder(cluster).FirstOrDefault(c =>
            (c.Type is ConditionTypes.Paused && c.IsTrue) || (c.IsFalse && c.Type is not (ConditionTypes.Paused or ConditionTypes.ServicesInReadyState)));
    }

    private static string? FailureReason(ClusterDeployment cluster) => FailingCondition(cluster) switch
    {
        null => null,
        { Type: ConditionTypes.CapiClusterSummary } capi => ConditionMessages.Summarize(capi.Message),
        var condition => Describe(condition),
    };

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

    private static readonly string[] TrustedReadyNeeds = [ConditionTypes.HelmReleaseReady, ConditionTypes.CapiClusterSummary];

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
    /// <summary>The READY column, <c>ready</c> in JSON: true only in <see cref="ClusterPhase.Ready"/> (never for a dry run).</summary>
    public bool IsReady => Phase == ClusterPhase.Ready;

    /// <summary>For <see cref="ClusterPhase.DryRun"/>: whether k0rdent has validated the current spec, and how; else None.</summary>
    public DryRunCheck DryRunCheck { get; init; }
}

/// <summary>Where k0rdent's validation of a dry run (<c>spec.dryRun</c>) stands for the current spec.</summary>
public enum DryRunCheck
{
    None,
    Validating,
    Valid,
    Invalid,
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
