namespace Childctl.Sandbox.Controller;

internal enum MachineRole
{
    ControlPlane,
    Worker,
}

/// <summary>
/// One simulated CAPI Machine and the Node it brings: its CAPI phase (Pending, Provisioning, Provisioned, Running,
/// Deleting), whether its Node exists and is Ready, whether it is being drained, its Kubernetes version, and the
/// cloud error that holds it when a failure is injected.
/// </summary>
internal sealed record SimMachine(string Name, MachineRole Role, string Phase, bool HasNode, bool Draining, string Version, bool UpToDate, string? Problem)
{
    public bool IsControlPlane => Role == MachineRole.ControlPlane;
}

/// <summary>
/// What Cluster API has made of a simulated cluster at this moment: whether the CAPI Cluster exists (and is being
/// deleted), whether the infrastructure is ready, and its machines. Derived from the simulation only, so the CAPI
/// objects, the child API's Nodes and the CAPIClusterSummary bullets tell the same story: a machine gets its
/// Node when CAPI stops "waiting for a Node", a scale adds machines that get Nodes when the step completes, a
/// scale-down and a roll drain the machines they remove, and a teardown removes workers, then the control plane.
/// </summary>
internal sealed record ClusterTopology(bool ClusterExists, bool ClusterDeleting, bool InfrastructureReady, bool ControlPlaneInitialized, IReadOnlyList<SimMachine> Machines)
{
    public static readonly ClusterTopology None = new(false, false, false, false, []);

    public IEnumerable<SimMachine> ControlPlaneMachines => Machines.Where(m => m.IsControlPlane);

    public IEnumerable<SimMachine> WorkerMachines => Machines.Where(m => !m.IsControlPlane);

    public static ClusterTopology Of(CapiContext c)
    {
        var sim = c.Sim;
        if (sim.DeletionPlan is { } plan)
        {
            return Deleting(c, sim.Deletion ?? DeletionStep.Done, plan.Contains(DeletionStep.Workers) || plan.Contains(DeletionStep.ControlPlane));
        }

        if (!sim.ClusterExists)
        {
            return None;
        }

        var step = sim.Current;
        var initialized = step is not (SimStep.Infrastructure or SimStep.ControlPlaneInitializing) || sim.ControlPlaneInitialized;
        return new ClusterTopology(true, false, step != SimStep.Infrastructure, initialized, MachinesAt(c, step).ToList());
    }

    /// <summary>The machines while the simulation is in <paramref name="step"/> (null: provisioned, nothing in progress).</summary>
    private static IEnumerable<SimMachine> MachinesAt(CapiContext c, SimStep? step)
    {
        var sim = c.Sim;
        var failing = step is { } s && c.Failure.Stops(s);
        return step switch
        {
            SimStep.Infrastructure => Workers(c, 0, c.Config.WorkersNumber, "Pending", failing: false),
            SimStep.ControlPlaneInitializing =>
            [
                Machine(c, c.Machines.ControlPlane(0), MachineRole.ControlPlane, "Provisioning", problem: failing),
                .. Workers(c, 0, c.Config.WorkersNumber, "Pending", failing: false),
            ],
            SimStep.ControlPlaneAvailable =>
            [
                Machine(c, c.Machines.ControlPlane(0), MachineRole.ControlPlane, "Running"),
                .. ControlPlanes(c, 1, c.Config.ControlPlaneNumber - 1, "Provisioned", failing: false),
                .. Workers(c, 0, c.Config.WorkersNumber, "Provisioning", failing: false),
            ],
            SimStep.Workers => [.. ControlPlanes(c, 0, c.Config.ControlPlaneNumber, "Running", false), .. Workers(c, 0, c.Config.WorkersNumber, failing ? "Provisioning" : "Provisioned", failing)],
            SimStep.ScaleControlPlane => [.. Scaled(c, MachineRole.ControlPlane, sim.PreviousControlPlane, c.Config.ControlPlaneNumber, failing), .. Workers(c, 0, Count(c, SimStep.ScaleWorkers), "Running", false)],
            SimStep.ScaleWorkers => [.. ControlPlanes(c, 0, c.Config.ControlPlaneNumber, "Running", false), .. Scaled(c, MachineRole.Worker, sim.PreviousWorkers, c.Config.WorkersNumber, failing)],
            SimStep.RollControlPlane =>
            [
                Machine(c, c.Machines.ControlPlane(0), MachineRole.ControlPlane, failing ? "Running" : "Deleting", draining: !failing, problem: failing),
                .. ControlPlanes(c, 1, c.Config.ControlPlaneNumber - 1, "Running", false),
                .. Workers(c, 0, c.Config.WorkersNumber, "Running", false),
            ],
            SimStep.RollWorkers => [.. ControlPlanes(c, 0, c.Config.ControlPlaneNumber, "Running", false), .. Draining(Workers(c, 0, c.Config.WorkersNumber, "Running", failing))],
            _ => Running(c),
        };
    }

    /// <summary>The teardown: machines go workers first, then the control plane, then the infrastructure.</summary>
    private static ClusterTopology Deleting(CapiContext c, DeletionStep step, bool deployed)
    {
        if (!deployed || step == DeletionStep.Done)
        {
            return None;
        }

        var deleting = step is DeletionStep.Workers or DeletionStep.ControlPlane or DeletionStep.Infrastructure;
        List<SimMachine> machines = step switch
        {
            DeletionStep.Workers => [.. ControlPlanes(c, 0, c.Config.ControlPlaneNumber, "Running", false), .. Draining(Workers(c, 0, c.Config.WorkersNumber, "Running", false))],
            DeletionStep.ControlPlane => [.. Draining(ControlPlanes(c, 0, Math.Max(1, c.Config.ControlPlaneNumber), "Running", false))],
            DeletionStep.Infrastructure => [],
            _ => Running(c),
        };
        return new ClusterTopology(true, deleting, true, true, machines);
    }

    /// <summary>Every machine running; before a scale step of the change in progress, still as many as before it.</summary>
    private static List<SimMachine> Running(CapiContext c) =>
        [.. ControlPlanes(c, 0, Count(c, SimStep.ScaleControlPlane), "Running", false), .. Workers(c, 0, Count(c, SimStep.ScaleWorkers), "Running", false)];

    private static int Count(CapiContext c, SimStep scale)
    {
        var index = c.Sim.DeletionPlan is null ? c.Sim.Plan.IndexOf(scale) : -1;
        var pending = index >= 0 && c.Sim.Index < index;
        return scale == SimStep.ScaleControlPlane
            ? pending ? c.Sim.PreviousControlPlane : c.Config.ControlPlaneNumber
            : pending ? c.Sim.PreviousWorkers : c.Config.WorkersNumber;
    }

    /// <summary>A scale step: up adds machines still waiting for their Nodes; down drains the ones it removes.</summary>
    private static IEnumerable<SimMachine> Scaled(CapiContext c, MachineRole role, int before, int after, bool failing)
    {
        var kept = Math.Min(before, after);
        var all = role == MachineRole.ControlPlane
            ? ControlPlanes(c, 0, Math.Max(before, after), "Running", false)
            : Workers(c, 0, Math.Max(before, after), "Running", false);
        return all.Select((m, i) => i < kept ? m
            : after > before ? m with { Phase = failing ? "Provisioning" : "Provisioned", HasNode = false, Problem = failing ? FailureMessages.For(c, m.Name) : null }
            : m with { Phase = "Deleting", Draining = true });
    }

    private static IEnumerable<SimMachine> Draining(IEnumerable<SimMachine> machines) =>
        machines.Select(m => m.Problem is null ? m with { Phase = "Deleting", Draining = true } : m);

    private static IEnumerable<SimMachine> ControlPlanes(CapiContext c, int from, int count, string phase, bool failing) =>
        c.Machines.ControlPlanes(from, count).Select(n => Machine(c, n, MachineRole.ControlPlane, phase, problem: failing));

    private static IEnumerable<SimMachine> Workers(CapiContext c, int from, int count, string phase, bool failing) =>
        c.Machines.Workers(from, count).Select(n => Machine(c, n, MachineRole.Worker, phase, problem: failing));

    private static SimMachine Machine(CapiContext c, string name, MachineRole role, string phase, bool draining = false, bool problem = false)
    {
        var version = VersionOf(c, role);
        var current = Kubernetes(c.Version);
        return new SimMachine(name, role, phase, HasNode: phase is "Running" or "Deleting", draining, version, version == current, problem ? FailureMessages.For(c, name) : null);
    }

    /// <summary>A machine keeps the previous version until the roll of its kind has completed.</summary>
    private static string VersionOf(CapiContext c, MachineRole role)
    {
        var roll = role == MachineRole.ControlPlane ? SimStep.RollControlPlane : SimStep.RollWorkers;
        var index = c.Sim.Plan.IndexOf(roll);
        var rolled = index < 0 || c.Sim.Index > index || c.Sim.DeletionPlan is not null;
        return Kubernetes(rolled ? c.Version : c.PreviousVersion);
    }

    /// <summary>The k0s version as a Machine's spec.version gives it (v1.36.3+k0s.2); the sandbox's own when unknown.</summary>
    public static string Kubernetes(string k0sVersion) => k0sVersion.Length > 0 ? k0sVersion : "v1.32.4+k0s.0";
}
