using System.Globalization;

namespace Childctl.Sandbox.Controller;

/// <summary>CAPI messages while a running cluster is scaled or upgraded, and the shared bullet helpers.</summary>
internal static partial class CapiMessages
{
    private const string ControlPlaneNotAvailable = "* ControlPlaneAvailable: K0sControlPlane status.initialization.controlPlaneInitialized is false";
    private const string Draining = "Deleting: Machine deletion in progress, stage: DrainingNode";

    private static IEnumerable<string> ScaleWorkers(CapiContext c, bool failing)
    {
        var before = c.Sim.PreviousWorkers;
        var after = c.Config.WorkersNumber;
        if (after > before)
        {
            foreach (var line in WorkersUnavailable(c, before))
            {
                yield return line;
            }

            var added = c.Machines.Workers(before, after - before).ToList();
            yield return "* WorkerMachinesReady:";
            foreach (var line in MachineLines(added, NodeOrFailure(c, failing)))
            {
                yield return line;
            }
        }
        else if (after < before)
        {
            yield return "* WorkerMachinesReady:";
            foreach (var line in MachineLines(c.Machines.Workers(after, before - after), _ => Draining))
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<string> ScaleControlPlane(CapiContext c, bool failing)
    {
        var before = c.Sim.PreviousControlPlane;
        var after = c.Config.ControlPlaneNumber;
        if (after == before)
        {
            yield break;
        }

        yield return "* ControlPlaneMachinesReady:";
        var lines = after > before
            ? MachineLines(c.Machines.ControlPlanes(before, after - before), NodeOrFailure(c, failing))
            : MachineLines(c.Machines.ControlPlanes(after, before - after), _ => Draining);
        foreach (var line in lines)
        {
            yield return line;
        }
    }

    private static IEnumerable<string> RollControlPlane(CapiContext c, bool failing)
    {
        yield return "* ControlPlaneMachinesReady:";
        var first = c.Machines.ControlPlane(0);
        yield return $"  * Machine {first}: " + (failing ? FailureMessages.For(c, first) : Draining);
    }

    private static IEnumerable<string> RollWorkers(CapiContext c, bool failing)
    {
        var workers = c.Machines.Workers(0, c.Config.WorkersNumber).ToList();
        if (workers.Count == 0)
        {
            yield break;
        }

        yield return "* WorkerMachinesReady:";
        foreach (var line in MachineLines(workers, failing ? m => FailureMessages.For(c, m) : _ => Draining))
        {
            yield return line;
        }
    }

    private static IEnumerable<string> WorkersUnavailable(CapiContext c, int available)
    {
        var wanted = c.Config.WorkersNumber;
        if (wanted == 0)
        {
            yield break;
        }

        yield return "* WorkersAvailable:";
        yield return string.Create(CultureInfo.InvariantCulture,
            $"  * MachineDeployment {c.Machines.MachineDeployment}: {available} available replicas, at least {wanted} required (spec.strategy.rollout.maxUnavailable is 0, spec.replicas is {wanted})");
    }

    public static string WaitingForNode(CapiContext c, string machine) =>
        $"NodeHealthy: Waiting for a Node with spec.providerID {c.ProviderId(machine)} to exist";

    /// <summary>
    /// One line per machine, except that CAPI groups machines reporting the same message into one line; at
    /// most three lines, the rest summarised.
    /// </summary>
    private static IEnumerable<string> MachineLines(IEnumerable<string> machines, Func<string, string> message)
    {
        var groups = machines.GroupBy(message).ToList();
        foreach (var group in groups.Take(3))
        {
            var names = group.ToList();
            yield return names.Count == 1
                ? $"  * Machine {names[0]}: {group.Key}"
                : $"  * Machines {MachineNames.List(names)}: {group.Key}";
        }

        if (groups.Count > 3)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  * ... ({groups.Skip(3).Sum(g => g.Count())} more Machines)");
        }
    }

    private static Func<string, string> NodeOrFailure(CapiContext c, bool failing) =>
        failing ? m => FailureMessages.For(c, m) : m => WaitingForNode(c, m);
}
