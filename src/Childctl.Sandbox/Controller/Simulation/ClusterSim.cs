using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The simulated world behind one ClusterDeployment incarnation (one uid): its Helm release, its CAPI
/// cluster and the step it is in. Kept in memory by the controller's single worker; rebuilt from the stored
/// object by <see cref="SimInference"/> when the controller first sees a cluster.
/// </summary>
internal sealed class ClusterSim
{
    public ClusterSim(string uid)
    {
        Uid = uid;
        Jitter = StepDurations.JitterFor(uid);
    }

    public string Uid { get; }

    /// <summary>Stretches every step of this cluster a little (0.8–1.2), stable per uid.</summary>
    public double Jitter { get; }

    /// <summary>The resourceVersion last reconciled or written; a store event for that same version needs no work.</summary>
    public string? LastResourceVersion { get; set; }

    public List<SimStep> Plan { get; } = [];

    public int Index { get; set; }

    public SimStep? Current => Index < Plan.Count ? Plan[Index] : null;

    /// <summary>When the current step completes; <see cref="DateTimeOffset.MaxValue"/> while a failure holds it.</summary>
    public DateTimeOffset StepDueAt { get; set; } = DateTimeOffset.MaxValue;

    /// <summary>The Helm release revision; 0 while there is no release.</summary>
    public int Revision { get; set; }

    /// <summary>The CAPI Cluster exists once the chart's first install has completed.</summary>
    public bool ClusterExists => Revision > 1 || (Revision == 1 && Current != SimStep.InstallRelease);

    /// <summary>The control plane came up once; from then on the kubeconfig Secret exists.</summary>
    public bool ControlPlaneInitialized { get; set; }

    public bool ServicesReady { get; set; }

    public long AppliedGeneration { get; set; }

    public AppliedSpec? Applied { get; set; }

    /// <summary>Machine counts before a scale, for the CAPI messages of a scale step.</summary>
    public int PreviousControlPlane { get; set; }

    public int PreviousWorkers { get; set; }

    /// <summary>The template before the current change, whose Kubernetes version the machines keep until they roll.</summary>
    public string PreviousTemplate { get; set; } = "";

    /// <summary>Bumped by each rolling upgrade: the workers get a new MachineSet.</summary>
    public int MachineSetGeneration { get; set; }

    public List<DeletionStep>? DeletionPlan { get; set; }

    public int DeletionIndex { get; set; }

    public DeletionStep? Deletion => DeletionPlan is { } plan && DeletionIndex < plan.Count ? plan[DeletionIndex] : null;

    public DateTimeOffset DeletionDueAt { get; set; } = DateTimeOffset.MaxValue;

    public bool DryRunAnnounced { get; set; }

    /// <summary>
    /// Rebuilt from a stored status (a restart, or a pre-seeded cluster): its first reconcile records no event when
    /// it finds nothing to change (no Warning for a failure the status already shows), so that starting over thousands of clusters writes nothing.
    /// </summary>
    public bool Resumed { get; set; }

    /// <summary>The kubeconfig Secret was seen or written; cleared by forcing a reconcile after it is deleted.</summary>
    public bool KubeconfigPresent { get; set; }

    /// <summary>What was last written of this cluster's CAPI objects (see <see cref="CapiWriter"/>).</summary>
    public CapiState Capi { get; set; } = new();

    /// <summary>The spec's credential name: a changed credential re-checks the clusters using it.</summary>
    public string CredentialName { get; set; } = "";

    public void StartPlan(IEnumerable<SimStep> steps, DateTimeOffset start, SimClock clock)
    {
        Plan.Clear();
        Plan.AddRange(steps);
        Index = 0;
        StepDueAt = Current is { } step ? start + DurationOf(step, clock) : DateTimeOffset.MaxValue;
    }

    public TimeSpan DurationOf(SimStep step, SimClock clock) => clock.Real(StepDurations.Of(step) * Jitter);

    public TimeSpan DurationOf(DeletionStep step, SimClock clock) => clock.Real(StepDurations.Of(step) * Jitter);
}

/// <summary>
/// One step of simulated provisioning or change. While a step runs, the cluster shows that step's
/// HelmReleaseReady and CAPIClusterSummary; when it completes, the next one starts.
/// </summary>
internal enum SimStep
{
    InstallRelease,
    Infrastructure,
    ControlPlaneInitializing,
    ControlPlaneAvailable,
    Workers,
    Services,
    UpgradeRelease,
    RollControlPlane,
    RollWorkers,
    ScaleControlPlane,
    ScaleWorkers,
}

/// <summary>The simulated stages of tearing a cluster down, in order.</summary>
internal enum DeletionStep
{
    CloudResources,
    Release,
    Workers,
    ControlPlane,
    Infrastructure,
    Done,
}

/// <summary>The parts of a ClusterDeployment spec whose change sends the simulated cluster back through a change plan.</summary>
internal sealed record AppliedSpec(string Template, int ControlPlaneNumber, int WorkersNumber, string Config, string Services)
{
    public static AppliedSpec From(JsonObject cluster, ClusterConfig config) => new(
        JsonAccess.String(cluster, "spec", "template") ?? "",
        config.ControlPlaneNumber,
        config.WorkersNumber,
        JsonAccess.At(cluster, "spec", "config")?.ToJsonString() ?? "",
        JsonAccess.At(cluster, "spec", "serviceSpec", "services")?.ToJsonString() ?? "");
}

/// <summary>
/// What the writer remembers of one cluster's CAPI objects: a fingerprint of everything they were last built from,
/// and each object's own fingerprint (<see cref="Unknown"/> for one written by the seeder, which a change compares
/// with the store instead).
/// </summary>
internal sealed class CapiState
{
    public const int Unknown = int.MinValue;

    public int? Inputs { get; set; }

    public Dictionary<(Storage.ResourceType Type, string Name), int> Objects { get; } = [];
}
