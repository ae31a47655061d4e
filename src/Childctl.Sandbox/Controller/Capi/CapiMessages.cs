namespace Childctl.Sandbox.Controller;

/// <summary>
/// The CAPIClusterSummary condition of a simulated cluster: Cluster API v1beta2's bullet list of the
/// conditions that are not yet True (REFERENCE.md §4), shrinking as provisioning advances, with the cloud's
/// error in the failing step's bullet when a failure is injected.
/// </summary>
internal static partial class CapiMessages
{
    private const string NotInitialized = "* ControlPlaneInitialized: Control plane not yet initialized";
    private const string RemoteProbe = "* RemoteConnectionProbe: Remote connection not established yet";

    public static ConditionUpdate Summary(CapiContext c)
    {
        var step = c.Sim.Current;
        var failing = step is { } s && c.Failure.Stops(s);
        var lines = step switch
        {
            SimStep.Infrastructure => Infrastructure(c, failing),
            SimStep.ControlPlaneInitializing => ControlPlaneInitializing(c, failing),
            SimStep.ControlPlaneAvailable => ControlPlaneAvailable(c),
            SimStep.Workers => Workers(c, failing),
            SimStep.ScaleWorkers => ScaleWorkers(c, failing),
            SimStep.ScaleControlPlane => ScaleControlPlane(c, failing),
            SimStep.RollControlPlane => RollControlPlane(c, failing),
            SimStep.RollWorkers => RollWorkers(c, failing),
            _ => null,
        };
        return lines is null
            ? ConditionUpdate.True(ConditionTypes.CapiClusterSummary, Reasons.InfoReported)
            : ConditionUpdate.False(ConditionTypes.CapiClusterSummary, string.Join("\n", lines), Reasons.IssuesReported);
    }

    private static IEnumerable<string> Infrastructure(CapiContext c, bool failing)
    {
        yield return "* InfrastructureReady: " + (failing
            ? FailureMessages.For(c, c.Name)
            : $"{c.InfrastructureKind} status.initialization.provisioned is false");
        yield return NotInitialized;
        yield return ControlPlaneNotAvailable;
        foreach (var line in WorkersUnavailable(c, 0))
        {
            yield return line;
        }

        yield return RemoteProbe;
    }

    private static IEnumerable<string> ControlPlaneInitializing(CapiContext c, bool failing)
    {
        yield return NotInitialized;
        yield return ControlPlaneNotAvailable;
        if (failing)
        {
            yield return "* ControlPlaneMachinesReady:";
            yield return $"  * Machine {c.Machines.ControlPlane(0)}: {FailureMessages.For(c, c.Machines.ControlPlane(0))}";
        }

        foreach (var line in WorkersUnavailable(c, 0))
        {
            yield return line;
        }

        yield return RemoteProbe;
    }

    private static IEnumerable<string> ControlPlaneAvailable(CapiContext c)
    {
        yield return $"* ControlPlaneAvailable: K0sControlPlane {c.Name}-cp is not available yet: 1 of {c.Config.ControlPlaneNumber} machines ready";
        var pending = c.Machines.ControlPlanes(1, c.Config.ControlPlaneNumber - 1).ToList();
        if (pending.Count > 0)
        {
            yield return "* ControlPlaneMachinesReady:";
            foreach (var line in MachineLines(pending, m => WaitingForNode(c, m)))
            {
                yield return line;
            }
        }

        foreach (var line in WorkersUnavailable(c, 0))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> Workers(CapiContext c, bool failing)
    {
        var workers = c.Machines.Workers(0, c.Config.WorkersNumber).ToList();
        foreach (var line in WorkersUnavailable(c, 0))
        {
            yield return line;
        }

        if (workers.Count > 0)
        {
            yield return "* WorkerMachinesReady:";
            foreach (var line in MachineLines(workers, NodeOrFailure(c, failing)))
            {
                yield return line;
            }
        }
    }
}
