using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>The reconciler's writes: status only when it changed, the kubeconfig Secret, and deletion.</summary>
internal sealed partial class ClusterReconciler
{
    /// <summary>Writes the status if it differs from the stored one; returns the object as it now is.</summary>
    private JsonObject WriteStatus(JsonObject cluster, JsonObject status, ClusterSim sim)
    {
        if (JsonNode.DeepEquals(status, cluster["status"]))
        {
            sim.LastResourceVersion = JsonAccess.ResourceVersion(cluster);
            return cluster;
        }

        cluster["status"] = status;
        var written = _store.UpdateStatus(ResourceType.ClusterDeployment, cluster, WellKnown.FieldManager);
        sim.LastResourceVersion = JsonAccess.ResourceVersion(written);
        return written;
    }

    /// <summary>Creates the kubeconfig Secret once the control plane is initialised, and again if someone deleted it.</summary>
    private void EnsureKubeconfig(ReconcileContext ctx, bool force)
    {
        var sim = ctx.Sim;
        if (!sim.ControlPlaneInitialized || (sim.KubeconfigPresent && !force))
        {
            return;
        }

        var secretName = WellKnown.KubeconfigSecretName(ctx.Name);
        if (_store.Get(ResourceType.Secret, ctx.Namespace, secretName) is null)
        {
            try
            {
                _store.Create(ResourceType.Secret, KubeconfigSecret.Build(ctx.Capi, _children), WellKnown.FieldManager);
            }
            catch (StoreException e) when (e.Code == 409)
            {
                // created meanwhile: fine
            }
        }

        sim.KubeconfigPresent = true;
    }

    private ReconcileOutcome Delete(JsonObject cluster, ClusterSim sim)
    {
        var ctx = Context(cluster, sim);
        var events = DeletionProgress.Advance(sim, cluster, ctx.Config, ctx.Failure, _clock);
        var written = WriteStatus(cluster, DeletionStatus.Build(ctx), sim);
        foreach (var e in events)
        {
            _events.Record(written, e);
        }

        CapiWriter.Sync(_store, Context(written, sim), sim.Capi, _clock.Now);
        if (sim.Deletion != DeletionStep.Done || DeletionProgress.IsHeld(sim, ctx.Failure))
        {
            return ReconcileOutcome.At(DeletionProgress.IsHeld(sim, ctx.Failure) ? null : sim.DeletionDueAt);
        }

        RemoveKubeconfig(ctx);
        _events.Record(written, EventSpec.Normal("SuccessfulDelete", $"ClusterDeployment {ctx.Namespace}/{ctx.Name} has been deleted"));
        JsonAccess.RemoveFinalizer(written, WellKnown.ClusterDeploymentFinalizer);
        _store.Update(ResourceType.ClusterDeployment, written, WellKnown.FieldManager);
        Forget(ctx.Namespace, ctx.Name);
        return ReconcileOutcome.Done;
    }

    private void RemoveKubeconfig(ReconcileContext ctx)
    {
        try
        {
            _store.Delete(ResourceType.Secret, ctx.Namespace, WellKnown.KubeconfigSecretName(ctx.Name));
        }
        catch (StoreException e) when (e.Code == 404)
        {
            // never created (the control plane did not come up) or already removed
        }
    }
}
