using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The status of a terminating ClusterDeployment: only Deleting, CAPIClusterSummary, the cloud-cleanup
/// condition and Ready change (with the new generation); every other condition keeps what it had.
/// </summary>
internal static class DeletionStatus
{
    public static JsonObject Build(ReconcileContext ctx)
    {
        var now = ctx.Clock.Now;
        var generation = ctx.Generation;
        var status = ctx.Cluster["status"]?.DeepClone() as JsonObject ?? new JsonObject { ["observedGeneration"] = generation };
        var conditions = new ConditionList(status);
        var sim = ctx.Sim;
        var step = sim.Deletion ?? DeletionStep.Done;
        var held = DeletionProgress.IsHeld(sim, ctx.Failure);
        if (sim.DeletionPlan!.Contains(DeletionStep.CloudResources))
        {
            var cleaning = step == DeletionStep.CloudResources;
            conditions.Set(ConditionTypes.CloudResourcesDeleted, cleaning ? "False" : "True", cleaning ? Reasons.Progressing : Reasons.Succeeded, "", generation, now);
        }

        var capiMessage = CapiDeletingMessage(ctx, step, held);
        var (reason, message) = step switch
        {
            DeletionStep.CloudResources => (Reasons.WaitingForCloudResourcesDeletion, ""),
            DeletionStep.Done when held => (Reasons.Failed, FailureMessages.For(ctx.Capi, ctx.Name)),
            DeletionStep.Done => (Reasons.DeletionCompleted, ""),
            _ => (Reasons.WaitingForClusterDeletion, capiMessage ?? ""),
        };
        if (sim.ClusterExists)
        {
            var capi = step switch
            {
                DeletionStep.Done => ConditionUpdate.True(ConditionTypes.CapiClusterSummary, Reasons.DeletionCompleted, "Cluster was deleted"),
                _ when capiMessage is null => ConditionUpdate.True(ConditionTypes.CapiClusterSummary, Reasons.Deleting),
                _ => ConditionUpdate.False(ConditionTypes.CapiClusterSummary, capiMessage, Reasons.Deleting),
            };
            conditions.Set(capi.Type, capi.Status, capi.Reason, capi.Message, generation, now);
        }

        conditions.Set(ConditionTypes.Deleting, "True", reason, message, generation, now);
        var ready = ReadyRule.Compute(conditions.All.ToList(), ctx.Clock, failFast: false);
        conditions.Set(ConditionTypes.Ready, ready.Status, ready.Reason, ready.Message, generation, now);
        status["observedGeneration"] = generation;
        return status;
    }

    /// <summary>Cluster API's v1beta2 Deleting summary: what is still being removed; null before CAPI starts.</summary>
    private static string? CapiDeletingMessage(ReconcileContext ctx, DeletionStep step, bool held)
    {
        var c = ctx.Capi;
        return step switch
        {
            DeletionStep.Workers =>
                $"* Deleting:\n  * MachineDeployments: {c.Machines.MachineDeployment}\n  * MachineSets: {c.Machines.MachineSet}\n  * Worker Machines: {MachineNames.List(c.Machines.Workers(0, c.Config.WorkersNumber))}",
            DeletionStep.ControlPlane =>
                $"* Deleting:\n  * Control plane Machines: {MachineNames.List(c.Machines.ControlPlanes(0, Math.Max(1, c.Config.ControlPlaneNumber)))}",
            DeletionStep.Infrastructure when held =>
                $"* Deleting:\n  * {c.InfrastructureKind} {ctx.Name}: {FailureMessages.For(c, ctx.Name)}",
            DeletionStep.Infrastructure => $"* Deleting: Waiting for {c.InfrastructureKind} to be deleted",
            _ => null,
        };
    }
}
