using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// Moves a terminating cluster through the teardown: optional cloud-resource cleanup, HelmRelease deletion,
/// then Cluster API removing workers, control plane and infrastructure. A cluster that was never deployed
/// goes straight to Done. An injected <c>deletion</c> failure holds the last step before Done.
/// </summary>
internal static class DeletionProgress
{
    public static List<EventSpec> Advance(ClusterSim sim, JsonObject cluster, ClusterConfig config, FailureInjection failure, SimClock clock)
    {
        var events = new List<EventSpec>();
        var id = $"{JsonAccess.Namespace(cluster)}/{JsonAccess.Name(cluster)}";
        if (sim.DeletionPlan is null)
        {
            sim.DeletionPlan = PlanFor(sim, cluster, config);
            sim.DeletionIndex = 0;
            sim.DeletionDueAt = clock.Now + sim.DurationOf(sim.DeletionPlan[0], clock);
            OnStart(sim, sim.DeletionPlan[0], cluster, events, id);
        }

        while (sim.Deletion is { } step && step != DeletionStep.Done)
        {
            if (IsHeld(sim, failure))
            {
                return events;
            }

            if (clock.Now < sim.DeletionDueAt)
            {
                return events;
            }

            var finishedAt = sim.DeletionDueAt;
            sim.DeletionIndex++;
            if (sim.Deletion is { } next)
            {
                sim.DeletionDueAt = finishedAt + sim.DurationOf(next, clock);
                OnStart(sim, next, cluster, events, id);
            }
        }

        return events;
    }

    /// <summary>Whether an injected failure keeps the cluster at its current teardown step.</summary>
    public static bool IsHeld(ClusterSim sim, FailureInjection failure)
    {
        if (failure.At != FailurePoint.Deletion || sim.DeletionPlan is not { } plan)
        {
            return false;
        }

        var heldAt = plan.Count >= 2 ? plan[^2] : DeletionStep.Done;
        return sim.Deletion == heldAt;
    }

    public static List<DeletionStep> PlanFor(ClusterSim sim, JsonObject cluster, ClusterConfig config)
    {
        var plan = new List<DeletionStep>();
        if (sim.ClusterExists && JsonAccess.Bool(cluster, "spec", "cleanupOnDeletion"))
        {
            plan.Add(DeletionStep.CloudResources);
        }

        if (sim.Revision > 0)
        {
            plan.Add(DeletionStep.Release);
        }

        if (sim.ClusterExists)
        {
            if (config.WorkersNumber > 0)
            {
                plan.Add(DeletionStep.Workers);
            }

            plan.Add(DeletionStep.ControlPlane);
            plan.Add(DeletionStep.Infrastructure);
        }

        plan.Add(DeletionStep.Done);
        return plan;
    }

    private static void OnStart(ClusterSim sim, DeletionStep step, JsonObject cluster, List<EventSpec> events, string id)
    {
        switch (step)
        {
            case DeletionStep.Release:
                if (ServiceEntries.Count(cluster) > 0)
                {
                    events.Add(EventSpec.Normal("ServiceSetsDeleted", $"ServiceSets of ClusterDeployment {id} have been deleted"));
                }

                events.Add(EventSpec.Normal("HelmReleaseDeleted", $"HelmRelease {id} has been deleted"));
                break;
            case DeletionStep.Workers or DeletionStep.ControlPlane when sim.DeletionPlan!.IndexOf(step) == sim.DeletionPlan.FindIndex(IsCapiDeletion):
                events.Add(EventSpec.Normal("CAPIClusterIsDeleting", $"Cluster {id} is deleting"));
                break;
            case DeletionStep.Done when sim.ClusterExists:
                events.Add(EventSpec.Normal("ClusterDeleted", $"Cluster {id} has been deleted"));
                break;
        }
    }

    private static bool IsCapiDeletion(DeletionStep step) => step is DeletionStep.Workers or DeletionStep.ControlPlane or DeletionStep.Infrastructure;
}
