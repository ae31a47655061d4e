using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// An object the simulated Cluster API (or Flux) should hold for a cluster: its labels, spec, status without
/// conditions, the conditions to set (their lastTransitionTime is kept while the status stays), its owners
/// (resolved to uids when written), and whether it is being deleted.
/// </summary>
internal sealed record DesiredObject(
    ResourceType Type,
    string Name,
    JsonObject Labels,
    JsonObject Spec,
    JsonObject Status,
    IReadOnlyList<ConditionUpdate> Conditions,
    IReadOnlyList<(ResourceType Type, string Name)> Owners,
    bool Deleting = false)
{
    /// <summary>What the object says, times aside: the writer skips an object whose fingerprint has not changed.</summary>
    public int Fingerprint() => string.Join('\n', Labels.ToJsonString(), Spec.ToJsonString(), Status.ToJsonString(),
        string.Join('|', Conditions.Select(c => $"{c.Type}/{c.Status}/{c.Reason}/{c.Message}")), Deleting).GetHashCode(StringComparison.Ordinal);
}

/// <summary>
/// The CAPI objects behind a simulated cluster, as the stock templates create them: the Flux HelmRelease
/// <c>&lt;ns&gt;/&lt;name&gt;</c>, the cluster.x-k8s.io/v1beta2 Cluster (label <c>helm.toolkit.fluxcd.io/name</c>), the
/// infrastructure cluster (AzureCluster, AWSCluster or GCPCluster), the k0smotron K0sControlPlane <c>&lt;name&gt;-cp</c>
/// the *-standalone-cp charts use, the MachineDeployment <c>&lt;name&gt;-md</c> with its MachineSet, and one Machine per
/// control-plane and worker node. Conditions come from the same simulation as CAPIClusterSummary.
/// </summary>
internal static partial class CapiObjects
{
    private const string ClusterNameLabel = WellKnown.CapiClusterNameLabel;

    public static List<DesiredObject> Desired(ReconcileContext ctx, ClusterTopology topology)
    {
        var objects = new List<DesiredObject>();
        if (HelmRelease(ctx) is { } release)
        {
            objects.Add(release);
        }

        if (!topology.ClusterExists)
        {
            return objects;
        }

        var c = ctx.Capi;
        objects.Add(Cluster(ctx, c, topology));
        objects.Add(Infrastructure(c, topology));
        objects.Add(ControlPlane(c, topology));
        var workers = topology.WorkerMachines.ToList();
        if (c.Config.WorkersNumber > 0 || workers.Count > 0)
        {
            objects.Add(MachineDeployment(c, topology, workers));
            objects.Add(MachineSet(c, workers));
        }

        objects.AddRange(topology.Machines.Select(m => Machine(c, m)));
        return objects;
    }

    /// <summary>The HelmRelease, from the chart's first install until the teardown has deleted it.</summary>
    private static DesiredObject? HelmRelease(ReconcileContext ctx)
    {
        var sim = ctx.Sim;
        var deletedRelease = sim.DeletionPlan is { } plan && (!plan.Contains(DeletionStep.Release) || sim.DeletionIndex > plan.IndexOf(DeletionStep.Release));
        if (sim.Revision < 1 || deletedRelease || ctx.Template is not { } template)
        {
            return null;
        }

        var ready = StatusBuilder.HelmRelease(ctx);
        var values = JsonAccess.At(ctx.Cluster, "spec", "config")?.DeepClone() as JsonObject ?? [];
        if (values["clusterLabels"] is null && JsonAccess.At(ctx.Cluster, "metadata", "labels") is JsonObject labels)
        {
            values["clusterLabels"] = labels.DeepClone(); // k0rdent injects the ClusterDeployment's labels (REFERENCE.md §6)
        }

        var spec = new JsonObject
        {
            ["chartRef"] = new JsonObject { ["kind"] = "HelmChart", ["name"] = template.Name, ["namespace"] = template.Namespace },
            ["releaseName"] = ctx.Name,
            ["interval"] = "10m0s",
            ["timeout"] = "10m0s",
            ["values"] = values,
        };
        var status = ReleaseStatus(ctx, template, ready);
        var labelsOut = new JsonObject { ["k0rdent.mirantis.com/managed"] = "true" };
        return new DesiredObject(CapiKinds.HelmRelease, ctx.Name, labelsOut, spec, status,
            [ready with { Type = "Ready" }, ready with { Type = "Released" }], [(ResourceType.ClusterDeployment, ctx.Name)]);
    }

    /// <summary>Flux's status of the release: the last attempt and the Helm release history entry.</summary>
    private static JsonObject ReleaseStatus(ReconcileContext ctx, TemplateInfo template, ConditionUpdate ready)
    {
        var sim = ctx.Sim;
        var installing = sim.Current is SimStep.InstallRelease or SimStep.UpgradeRelease && ready.Status != "True";
        return new JsonObject
        {
            ["observedGeneration"] = 1,
            ["lastAttemptedRevision"] = template.ChartVersion,
            ["lastAttemptedReleaseAction"] = sim.Revision > 1 ? "upgrade" : "install",
            ["history"] = new JsonArray(new JsonObject
            {
                ["name"] = ctx.Name,
                ["namespace"] = ctx.Namespace,
                ["chartName"] = template.Chart,
                ["chartVersion"] = template.ChartVersion,
                ["version"] = sim.Revision,
                ["status"] = ready.Status == "False" ? "failed" : installing ? (sim.Revision > 1 ? "pending-upgrade" : "pending-install") : "deployed",
            }),
        };
    }

    private static DesiredObject Cluster(ReconcileContext ctx, CapiContext c, ClusterTopology t)
    {
        var spec = new JsonObject
        {
            ["clusterNetwork"] = new JsonObject
            {
                ["pods"] = new JsonObject { ["cidrBlocks"] = new JsonArray("10.244.0.0/16") },
                ["services"] = new JsonObject { ["cidrBlocks"] = new JsonArray("10.96.0.0/12") },
            },
            ["controlPlaneRef"] = Ref(CapiKinds.ControlPlaneGroup, CapiKinds.K0sControlPlane.Kind, ControlPlaneName(c)),
            ["infrastructureRef"] = Ref(CapiKinds.InfrastructureGroup, CapiKinds.InfrastructureCluster(c.Profile).Kind, c.Name),
        };
        if (t.InfrastructureReady)
        {
            spec["controlPlaneEndpoint"] = Endpoint(c);
        }

        var cps = t.ControlPlaneMachines.ToList();
        var workers = t.WorkerMachines.ToList();
        var status = new JsonObject
        {
            ["phase"] = t.ClusterDeleting ? "Deleting" : t.InfrastructureReady && t.ControlPlaneInitialized ? "Provisioned" : "Provisioning",
            ["initialization"] = new JsonObject { ["infrastructureProvisioned"] = t.InfrastructureReady, ["controlPlaneInitialized"] = t.ControlPlaneInitialized },
            ["controlPlane"] = Replicas(c.Config.ControlPlaneNumber, cps),
            ["workers"] = Replicas(c.Config.WorkersNumber, workers),
            ["observedGeneration"] = 1,
        };
        var labels = new JsonObject { ["helm.toolkit.fluxcd.io/name"] = c.Name, ["helm.toolkit.fluxcd.io/namespace"] = c.Namespace };
        return new DesiredObject(CapiKinds.Cluster, c.Name, labels, spec, status, ClusterConditions(ctx, c, t), [], t.ClusterDeleting);
    }

    /// <summary>
    /// The Cluster's v1beta2 conditions: every bullet of the CAPIClusterSummary k0rdent would compute from them is a
    /// False condition with the bullet's text (nested lines as its message); the rest are True.
    /// </summary>
    private static List<ConditionUpdate> ClusterConditions(ReconcileContext ctx, CapiContext c, ClusterTopology t)
    {
        var summary = ctx.Sim.DeletionPlan is null ? CapiMessages.Summary(c) : ConditionUpdate.True(ConditionTypes.CapiClusterSummary);
        var failing = Bullets(summary.Status == "True" ? "" : summary.Message);
        var conditions = new List<ConditionUpdate>();
        foreach (var (type, trueReason, falseReason) in ClusterConditionTypes)
        {
            conditions.Add(failing.TryGetValue(type, out var message)
                ? ConditionUpdate.False(type, message, falseReason)
                : ConditionUpdate.True(type, trueReason));
        }

        conditions.Insert(0, failing.Count == 0
            ? ConditionUpdate.True("Available", "Available")
            : ConditionUpdate.False("Available", string.Join("\n", failing.Keys.Select(k => $"* {k}: {failing[k].Split('\n')[0]}")), "NotAvailable"));
        conditions.Add(t.ClusterDeleting
            ? ConditionUpdate.True("Deleting", "WaitingForWorkersDeletion", "Deleting Machines")
            : ConditionUpdate.False("Deleting", "", "NotDeleting"));
        conditions.Add(ConditionUpdate.False("Paused", "", "NotPaused"));
        return conditions;
    }

    private static readonly (string Type, string True, string False)[] ClusterConditionTypes =
    [
        ("InfrastructureReady", "Ready", "NotReady"),
        ("ControlPlaneInitialized", "Initialized", "NotInitialized"),
        ("ControlPlaneAvailable", "Available", "NotAvailable"),
        ("WorkersAvailable", "Available", "NotAvailable"),
        ("ControlPlaneMachinesReady", "Ready", "NotReady"),
        ("WorkerMachinesReady", "Ready", "NotReady"),
        ("RemoteConnectionProbe", "ProbeSucceeded", "ProbeFailed"),
    ];

    /// <summary>"* Type: message" bullets, with the indented lines under "* Type:" as that condition's message.</summary>
    private static Dictionary<string, string> Bullets(string summary)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in summary.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("* ", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 2)
            {
                current = line[2..colon];
                result[current] = line[(colon + 1)..].Trim();
            }
            else if (current is not null)
            {
                var nested = line.StartsWith("  ", StringComparison.Ordinal) ? line[2..] : line;
                result[current] = result[current].Length == 0 ? nested : result[current] + "\n" + nested;
            }
        }

        return result;
    }

    private static JsonObject Replicas(int desired, List<SimMachine> machines) => new()
    {
        ["desiredReplicas"] = desired,
        ["replicas"] = machines.Count,
        ["readyReplicas"] = machines.Count(m => m.Phase == "Running"),
        ["availableReplicas"] = machines.Count(m => m.HasNode),
        ["upToDateReplicas"] = machines.Count(m => m.UpToDate),
    };

    private static JsonObject Ref(string group, string kind, string name) => new() { ["apiGroup"] = group, ["kind"] = kind, ["name"] = name };

    private static JsonObject Endpoint(CapiContext c) => new() { ["host"] = new Uri(KubeconfigSecret.Endpoint(c)).Host, ["port"] = 6443 };

    private static string ControlPlaneName(CapiContext c) => c.Name + "-cp";
}
