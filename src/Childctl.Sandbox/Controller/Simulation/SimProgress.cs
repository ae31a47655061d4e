using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// Moves a simulated cluster along: starts the provisioning plan, turns spec changes (a new generation) into a
/// change plan, and completes every step whose time has come unless an injected failure holds it. Returns the
/// Normal events of the transitions. Steps chain from the previous step's due time, so a long pause (or a big
/// jump of fake time) completes several steps in one pass with the same outcome as many small ones.
/// </summary>
internal static class SimProgress
{
    private static readonly HashSet<SimStep> CapiSteps =
    [
        SimStep.Infrastructure, SimStep.ControlPlaneInitializing, SimStep.ControlPlaneAvailable, SimStep.Workers,
        SimStep.RollControlPlane, SimStep.RollWorkers, SimStep.ScaleControlPlane, SimStep.ScaleWorkers,
    ];

    private static readonly HashSet<SimStep> ProvisioningSteps =
    [
        SimStep.InstallRelease, SimStep.Infrastructure, SimStep.ControlPlaneInitializing, SimStep.ControlPlaneAvailable, SimStep.Workers,
    ];

    public static List<EventSpec> Advance(ClusterSim sim, JsonObject cluster, ClusterConfig config, FailureInjection failure, SimClock clock)
    {
        var events = new List<EventSpec>();
        var id = $"{JsonAccess.Namespace(cluster)}/{JsonAccess.Name(cluster)}";
        var spec = AppliedSpec.From(cluster, config);
        var generation = JsonAccess.Generation(cluster);
        if (sim.Revision == 0 && sim.Plan.Count == 0)
        {
            var steps = ProvisioningPlan(config, ServiceEntries.Count(cluster));
            Start(sim, steps, clock, events, id);
        }
        else if (sim.Applied is { } applied ? applied != spec : generation != sim.AppliedGeneration)
        {
            if (sim.Current is not { } current || !ProvisioningSteps.Contains(current))
            {
                Start(sim, ChangePlan(sim, sim.Applied, spec, ServiceEntries.Count(cluster)), clock, events, id);
            }
        }

        sim.Applied = spec;
        sim.AppliedGeneration = generation;
        Step(sim, failure, clock, events, id);
        return events;
    }

    public static bool IsCapiStep(SimStep step) => CapiSteps.Contains(step);

    public static IEnumerable<SimStep> ProvisioningPlan(ClusterConfig config, int services)
    {
        yield return SimStep.InstallRelease;
        yield return SimStep.Infrastructure;
        yield return SimStep.ControlPlaneInitializing;
        yield return SimStep.ControlPlaneAvailable;
        if (config.WorkersNumber > 0)
        {
            yield return SimStep.Workers;
        }

        if (services > 0)
        {
            yield return SimStep.Services;
        }
    }

    private static List<SimStep> ChangePlan(ClusterSim sim, AppliedSpec? before, AppliedSpec after, int services)
    {
        var steps = new List<SimStep>();
        if (before is null || before.Template != after.Template || before.Config != after.Config)
        {
            steps.Add(SimStep.UpgradeRelease);
        }

        if (before is null || before.Template != after.Template)
        {
            steps.Add(SimStep.RollControlPlane);
            if (after.WorkersNumber > 0)
            {
                steps.Add(SimStep.RollWorkers);
            }
        }
        else
        {
            if (before.ControlPlaneNumber != after.ControlPlaneNumber)
            {
                steps.Add(SimStep.ScaleControlPlane);
            }

            if (before.WorkersNumber != after.WorkersNumber)
            {
                steps.Add(SimStep.ScaleWorkers);
            }
        }

        if (before?.Services != after.Services && services > 0)
        {
            steps.Add(SimStep.Services);
        }

        sim.PreviousControlPlane = before?.ControlPlaneNumber ?? after.ControlPlaneNumber;
        sim.PreviousWorkers = before?.WorkersNumber ?? after.WorkersNumber;
        sim.PreviousTemplate = before?.Template ?? after.Template;
        return steps;
    }

    private static void Start(ClusterSim sim, IEnumerable<SimStep> steps, SimClock clock, List<EventSpec> events, string id)
    {
        sim.StartPlan(steps, clock.Now, clock);
        if (sim.Current is { } first)
        {
            OnStart(sim, first, events, id);
        }
    }

    private static void Step(ClusterSim sim, FailureInjection failure, SimClock clock, List<EventSpec> events, string id)
    {
        while (sim.Current is { } step)
        {
            if (failure.Stops(step))
            {
                sim.StepDueAt = DateTimeOffset.MaxValue;
                return;
            }

            if (sim.StepDueAt == DateTimeOffset.MaxValue)
            {
                sim.StepDueAt = clock.Now + sim.DurationOf(step, clock); // resumes after a failure was lifted
            }

            if (clock.Now < sim.StepDueAt)
            {
                return;
            }

            var finishedAt = sim.StepDueAt;
            sim.Index++;
            OnComplete(sim, step, events, id);
            sim.StepDueAt = sim.Current is { } next ? finishedAt + sim.DurationOf(next, clock) : DateTimeOffset.MaxValue;
            if (sim.Current is { } started)
            {
                OnStart(sim, started, events, id);
            }
        }
    }

    private static void OnStart(ClusterSim sim, SimStep step, List<EventSpec> events, string id)
    {
        switch (step)
        {
            case SimStep.InstallRelease:
                sim.Revision = 1;
                events.Add(EventSpec.Normal("HelmReleaseCreated", $"HelmRelease {id} has been created"));
                break;
            case SimStep.UpgradeRelease:
                sim.Revision++;
                events.Add(EventSpec.Normal("HelmReleaseUpdated", $"HelmRelease {id} has been updated"));
                break;
            case SimStep.Infrastructure:
                events.Add(EventSpec.Normal("CAPIClusterIsProvisioning", $"Cluster {id} is provisioning"));
                break;
            case SimStep.Services:
                sim.ServicesReady = false;
                break;
        }
    }

    private static void OnComplete(ClusterSim sim, SimStep step, List<EventSpec> events, string id)
    {
        switch (step)
        {
            case SimStep.InstallRelease or SimStep.UpgradeRelease:
                events.Add(EventSpec.Normal("HelmReleaseIsReady", $"HelmRelease {id} is ready"));
                break;
            case SimStep.ControlPlaneInitializing:
                sim.ControlPlaneInitialized = true;
                break;
            case SimStep.Services:
                sim.ServicesReady = true;
                break;
            case SimStep.RollWorkers:
                sim.MachineSetGeneration++;
                break;
        }

        if (IsCapiStep(step) && !(sim.Current is { } next && IsCapiStep(next)))
        {
            events.Add(EventSpec.Normal("CAPIClusterIsReady", $"Cluster {id} is ready"));
        }
    }
}
