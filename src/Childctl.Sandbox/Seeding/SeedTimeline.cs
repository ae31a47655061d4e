using System.Text.Json.Nodes;
using Childctl.Sandbox.Controller;

namespace Childctl.Sandbox.Seeding;

/// <summary>
/// Writes a pre-seeded cluster's status by replaying the controller's status builder at moments of its past
/// (first reconcile, chart installed, provisioning done...), so that conditions carry believable
/// lastTransitionTimes and the result is exactly what the controller itself computes: the controller then
/// finds nothing to change for a settled cluster.
/// </summary>
internal sealed class SeedTimeline
{
    private readonly FixedTime _time = new();
    private readonly ReferenceCache _references;

    public SeedTimeline(ReferenceCache references, double speed)
    {
        _references = references;
        Clock = new SimClock(_time, speed);
    }

    public SimClock Clock { get; }

    /// <summary>The moment a sim duration after <paramref name="start"/> in real time.</summary>
    public DateTimeOffset After(DateTimeOffset start, TimeSpan simulated) => start + Clock.Real(simulated);

    /// <summary>The status after a reconcile at <paramref name="at"/> with the simulation in the given step (null: provisioning finished).</summary>
    public void At(JsonObject cluster, ClusterSim sim, DateTimeOffset at, SimStep? step)
    {
        _time.Now = at;
        var config = ClusterConfig.From(cluster, null);
        var plan = SimProgress.ProvisioningPlan(config, ServiceEntries.Count(cluster)).ToList();
        sim.Plan.Clear();
        sim.Plan.AddRange(plan);
        sim.Index = step is { } s ? plan.IndexOf(s) : plan.Count;
        sim.Revision = Math.Max(1, sim.Revision);
        sim.ControlPlaneInitialized = step is null || sim.Index > plan.IndexOf(SimStep.ControlPlaneInitializing);
        sim.ServicesReady = step is null;
        Build(cluster, sim);
    }

    /// <summary>The status after a reconcile that stopped before deploying (a failed check, or dryRun).</summary>
    public void Checked(JsonObject cluster, ClusterSim sim, DateTimeOffset at)
    {
        _time.Now = at;
        Build(cluster, sim);
    }

    /// <summary>The status of a teardown in progress at <paramref name="at"/>.</summary>
    public void Deleting(JsonObject cluster, ClusterSim sim, DateTimeOffset at, DeletionStep step)
    {
        _time.Now = at;
        var ctx = ReconcileContext.Create(cluster, sim, _references, Clock);
        sim.DeletionPlan = DeletionProgress.PlanFor(sim, cluster, ctx.Config);
        sim.DeletionIndex = sim.DeletionPlan.IndexOf(step);
        cluster["status"] = DeletionStatus.Build(ctx);
    }

    public CapiContext Capi(JsonObject cluster, ClusterSim sim) => Context(cluster, sim).Capi;

    public ReconcileContext Context(JsonObject cluster, ClusterSim sim) => ReconcileContext.Create(cluster, sim, _references, Clock);

    private void Build(JsonObject cluster, ClusterSim sim)
    {
        var ctx = ReconcileContext.Create(cluster, sim, _references, Clock);
        var preflight = Preflight.Run(cluster, ctx.Template, ctx.Credential, ctx.Failure);
        cluster["status"] = StatusBuilder.Build(ctx, preflight).Status;
    }
}

/// <summary>A clock that reads whatever time it is set to: the seeder builds statuses "as of" moments in the past.</summary>
internal sealed class FixedTime : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
