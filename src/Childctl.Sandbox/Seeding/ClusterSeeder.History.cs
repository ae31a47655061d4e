using System.Text.Json.Nodes;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Seeding;

/// <summary>How old a seeded cluster is, and the status its history has left it with.</summary>
internal sealed partial class ClusterSeeder
{
    private static readonly TimeSpan FirstReconcile = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan ChartInstalled = TimeSpan.FromSeconds(19);

    private DateTimeOffset CreatedAt(SeedPhase phase, SeedVariant variant) => phase switch
    {
        SeedPhase.Provisioning when variant == SeedVariant.QuotaExceeded => _now - _timeline.Clock.Real(Minutes(5, 25)),
        SeedPhase.Provisioning => _now - _timeline.Clock.Real(Minutes(0, 7)),
        SeedPhase.Failed when variant == SeedVariant.QuotaExceeded => _now - Minutes(60, 360),
        SeedPhase.Failed or SeedPhase.DryRun => _now - Minutes(10, 30 * 24 * 60),
        _ => _now - Minutes(120, 90 * 24 * 60),
    };

    private TimeSpan Minutes(int min, int max) => TimeSpan.FromSeconds(_random.Next(min * 60, max * 60));

    /// <summary>
    /// Stores the cluster with its history. Most statuses do not depend on the uid, so they are built first and
    /// stored with the create (one write); a provisioning cluster's machine names do, so it is created first.
    /// </summary>
    private void Write(JsonObject cluster, SeedPhase phase, SeedVariant variant, DateTimeOffset created)
    {
        JsonObject stored;
        ClusterSim sim;
        if (phase == SeedPhase.Provisioning)
        {
            stored = _store.CreateBackdated(ResourceType.ClusterDeployment, cluster, created, SeedCreators.For(JsonAccess.Name(cluster)));
            sim = new ClusterSim(JsonAccess.Uid(stored));
            History(stored, sim, phase, variant, created);
            stored = _store.UpdateStatus(ResourceType.ClusterDeployment, stored, WellKnown.FieldManager);
        }
        else
        {
            sim = new ClusterSim("");
            JsonAccess.Metadata(cluster)["generation"] = 1; // what the store will give it
            History(cluster, sim, phase, variant, created);
            stored = _store.CreateBackdated(ResourceType.ClusterDeployment, cluster, created, SeedCreators.For(JsonAccess.Name(cluster)));
            if (stored["status"] is null)
            {
                stored["status"] = cluster["status"]!.DeepClone(); // a store that drops status on create, as kube-apiserver does
                stored = _store.UpdateStatus(ResourceType.ClusterDeployment, stored, WellKnown.FieldManager);
            }
        }

        if (variant == SeedVariant.Scaled)
        {
            stored = Rescale(stored, sim, created);
        }

        WriteKubeconfig(stored, sim, created);
        if (phase == SeedPhase.Deleting)
        {
            stored = StartDeletion(stored, sim, variant);
        }

        WriteCapiObjects(stored, sim, created);
    }

    /// <summary>Replays the reconciles of the cluster's past into its status (no store writes).</summary>
    private void History(JsonObject cluster, ClusterSim sim, SeedPhase phase, SeedVariant variant, DateTimeOffset created)
    {
        var checkedAt = NotAfterNow(_timeline.After(created, FirstReconcile));
        if (variant is SeedVariant.InvalidConfig or SeedVariant.MissingTemplate || phase == SeedPhase.DryRun)
        {
            _timeline.Checked(cluster, sim, checkedAt);
            return;
        }

        var installed = _timeline.After(created, ChartInstalled);
        _timeline.At(cluster, sim, installed < _now ? installed : checkedAt, installed < _now ? SimStep.Infrastructure : SimStep.InstallRelease);
        if (phase == SeedPhase.Provisioning || variant == SeedVariant.QuotaExceeded)
        {
            _timeline.At(cluster, sim, _now, ProvisioningStep(created, variant));
        }
        else
        {
            _timeline.At(cluster, sim, NotAfterNow(_timeline.After(created, StepDurations.LongestProvisioning / 1.2)), null);
        }
    }

    /// <summary>Where a cluster created at <paramref name="created"/> has got to by now.</summary>
    private SimStep ProvisioningStep(DateTimeOffset created, SeedVariant variant)
    {
        if (variant == SeedVariant.QuotaExceeded)
        {
            return SimStep.Infrastructure;
        }

        var elapsed = _timeline.Clock.Simulated(_now - created);
        foreach (var step in (SimStep[])[SimStep.InstallRelease, SimStep.Infrastructure, SimStep.ControlPlaneInitializing, SimStep.ControlPlaneAvailable])
        {
            elapsed -= StepDurations.Of(step);
            if (elapsed < TimeSpan.Zero)
            {
                return step;
            }
        }

        return SimStep.Workers;
    }

    /// <summary>A later change of the worker count, long since rolled out (generation 2, Helm revision 2).</summary>
    private JsonObject Rescale(JsonObject cluster, ClusterSim sim, DateTimeOffset created)
    {
        var config = (JsonObject)cluster["spec"]!["config"]!;
        config["workersNumber"] = (JsonAccess.Long(config, "workersNumber") ?? 2) + 1;
        cluster = _store.Update(ResourceType.ClusterDeployment, cluster, SeedCreators.For(JsonAccess.Name(cluster)));
        sim.Revision = 2;
        _timeline.At(cluster, sim, created + ((_now - created) / 2), null);
        return _store.UpdateStatus(ResourceType.ClusterDeployment, cluster, WellKnown.FieldManager);
    }

    private DateTimeOffset NotAfterNow(DateTimeOffset time) => time < _now ? time : _now;

    private void WriteKubeconfig(JsonObject cluster, ClusterSim sim, DateTimeOffset created)
    {
        if (sim.ControlPlaneInitialized)
        {
            var initializedAt = _timeline.After(created, TimeSpan.FromMinutes(5));
            var secret = KubeconfigSecret.Build(_timeline.Capi(cluster, sim), _children);
            _store.CreateBackdated(ResourceType.Secret, secret, NotAfterNow(initializedAt), WellKnown.FieldManager);
        }
    }

    /// <summary>The CAPI objects of the cluster as they are now, created when the chart was installed.</summary>
    private void WriteCapiObjects(JsonObject cluster, ClusterSim sim, DateTimeOffset created)
    {
        CapiWriter.Sync(_store, _timeline.Context(cluster, sim), sim.Capi, _now, NotAfterNow(_timeline.After(created, ChartInstalled)), seeding: true);
        _capi[JsonAccess.Uid(cluster)] = sim.Capi;
    }

    private JsonObject StartDeletion(JsonObject cluster, ClusterSim sim, SeedVariant variant)
    {
        var terminating = _store.Delete(ResourceType.ClusterDeployment, JsonAccess.Namespace(cluster), JsonAccess.Name(cluster));
        var step = variant == SeedVariant.HungDeletion ? DeletionStep.Infrastructure : DeletionStep.Workers;
        if (ClusterConfig.From(terminating, null).WorkersNumber == 0 && step == DeletionStep.Workers)
        {
            step = DeletionStep.ControlPlane;
        }

        _timeline.Deleting(terminating, sim, _now, step);
        return _store.UpdateStatus(ResourceType.ClusterDeployment, terminating, WellKnown.FieldManager);
    }
}
