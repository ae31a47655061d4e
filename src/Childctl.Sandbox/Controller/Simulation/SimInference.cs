using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// Rebuilds a cluster's simulation from its stored status when the controller first sees it (pre-seeded
/// clusters, or a controller started over an existing store): the Helm revision from the HelmReleaseReady
/// message, the provisioning step from the first bullet of CAPIClusterSummary. The current step restarts its
/// timer; a stable cluster (Ready, Failed, dryRun) gets no plan and so no writes.
/// </summary>
internal static partial class SimInference
{
    public static ClusterSim From(JsonObject cluster, SimClock clock)
    {
        var sim = new ClusterSim(JsonAccess.Uid(cluster));
        if (cluster["status"] is not JsonObject status)
        {
            return sim;
        }

        sim.Resumed = true;
        var conditions = new ConditionList((JsonObject)status.DeepClone());
        var helm = conditions.Get(ConditionTypes.HelmReleaseReady);
        sim.AppliedGeneration = JsonAccess.Long(status, "observedGeneration") ?? 0;
        if (helm is null || (helm.IsUnknown && helm.Message.Length == 0))
        {
            return sim; // never got past the checks (or dryRun): nothing was deployed
        }

        var config = ClusterConfig.From(cluster, null);
        if (sim.AppliedGeneration == JsonAccess.Generation(cluster))
        {
            sim.Applied = AppliedSpec.From(cluster, config);
        }

        sim.Revision = RevisionOf(helm.Message);
        var plan = RemainingPlan(sim, cluster, status, config, CurrentStep(helm, conditions.Get(ConditionTypes.CapiClusterSummary), sim.Revision));
        sim.StartPlan(plan, clock.Now, clock);
        if (JsonAccess.IsTerminating(cluster) && conditions.Get(ConditionTypes.Deleting) is { } deleting)
        {
            InferDeletion(sim, cluster, config, deleting, clock);
        }

        return sim;
    }

    /// <summary>The steps left from <paramref name="step"/> on; also notes what has already happened.</summary>
    private static List<SimStep> RemainingPlan(ClusterSim sim, JsonObject cluster, JsonObject status, ClusterConfig config, SimStep? step)
    {
        var services = ServiceEntries.Count(cluster);
        var plan = SimProgress.ProvisioningPlan(config, services).ToList();
        if (step == SimStep.UpgradeRelease)
        {
            return [SimStep.UpgradeRelease];
        }

        if (step is null)
        {
            sim.ControlPlaneInitialized = true;
            sim.ServicesReady = ServiceEntries.Ready(status["services"] as JsonArray) >= services;
            return sim.ServicesReady ? [] : [SimStep.Services];
        }

        var index = Math.Max(0, plan.IndexOf(step.Value));
        sim.ControlPlaneInitialized = index > plan.IndexOf(SimStep.ControlPlaneInitializing);
        return plan.Skip(index).ToList();
    }

    /// <summary>Picks up a teardown where the stored Deleting condition says it is.</summary>
    private static void InferDeletion(ClusterSim sim, JsonObject cluster, ClusterConfig config, Condition deleting, SimClock clock)
    {
        var plan = DeletionProgress.PlanFor(sim, cluster, config);
        var step = deleting switch
        {
            { Reason: Reasons.WaitingForCloudResourcesDeletion } => DeletionStep.CloudResources,
            { Reason: Reasons.DeletionCompleted } => DeletionStep.Done,
            { Message: var m } when m.StartsWith("* Deleting:\n  * MachineDeployments", StringComparison.Ordinal) => DeletionStep.Workers,
            { Message: var m } when m.Contains("Control plane Machines", StringComparison.Ordinal) => DeletionStep.ControlPlane,
            { Message: var m } when m.StartsWith("* Deleting", StringComparison.Ordinal) => DeletionStep.Infrastructure,
            _ => plan[0],
        };
        sim.DeletionPlan = plan;
        sim.DeletionIndex = Math.Max(0, plan.IndexOf(step));
        sim.DeletionDueAt = clock.Now + sim.DurationOf(plan[sim.DeletionIndex], clock);
    }

    /// <summary>The step a stored cluster is in; null when provisioning has finished.</summary>
    private static SimStep? CurrentStep(Condition helm, Condition? capi, int revision)
    {
        if (!helm.IsTrue)
        {
            return revision > 1 ? SimStep.UpgradeRelease : SimStep.InstallRelease;
        }

        if (capi is null)
        {
            return SimStep.Infrastructure;
        }

        if (capi.IsTrue)
        {
            return null;
        }

        return FirstBullet().Match(capi.Message).Groups[1].Value switch
        {
            "InfrastructureReady" => SimStep.Infrastructure,
            "ControlPlaneInitialized" => SimStep.ControlPlaneInitializing,
            "ControlPlaneAvailable" or "ControlPlaneMachinesReady" => SimStep.ControlPlaneAvailable,
            _ => SimStep.Workers,
        };
    }

    private static int RevisionOf(string message)
    {
        var match = ReleaseRevision().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
    }

    [GeneratedRegex(@"^\* (\w+):")]
    private static partial Regex FirstBullet();

    [GeneratedRegex(@"\.v(\d+) with chart ")]
    private static partial Regex ReleaseRevision();
}
