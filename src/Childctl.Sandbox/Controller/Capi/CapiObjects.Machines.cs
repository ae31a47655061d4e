using System.Globalization;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>The infrastructure cluster, the control plane, the worker MachineDeployment and MachineSet, and the Machines.</summary>
internal static partial class CapiObjects
{
    private const string Draining = "Machine deletion in progress, stage: DrainingNode";

    private static DesiredObject Infrastructure(CapiContext c, ClusterTopology t)
    {
        var kind = CapiKinds.InfrastructureCluster(c.Profile);
        var spec = c.Profile?.Provider switch
        {
            CloudProvider.Aws => new JsonObject
            {
                ["region"] = c.Config.Region,
                ["network"] = new JsonObject { ["vpc"] = new JsonObject { ["id"] = "vpc-0" + StableHash.Hex(StableHash.RandomFor(c.Uid + "/vpc"), 16) } },
            },
            CloudProvider.Gcp => new JsonObject { ["project"] = c.Config.Project, ["region"] = c.Config.Region, ["network"] = new JsonObject { ["name"] = "default" } },
            _ => new JsonObject { ["location"] = c.Config.Region, ["resourceGroup"] = c.Name, ["subscriptionID"] = c.Config.Subscription },
        };
        if (t.InfrastructureReady)
        {
            spec["controlPlaneEndpoint"] = Endpoint(c);
        }

        var failing = c.Sim.Current == SimStep.Infrastructure && c.Failure.Stops(SimStep.Infrastructure);
        var ready = t.InfrastructureReady
            ? ConditionUpdate.True("Ready", "Succeeded")
            : failing
                ? ConditionUpdate.False("Ready", FailureMessages.For(c, c.Name), "Failed")
                : ConditionUpdate.False("Ready", $"{kind.Kind} is being provisioned", "Provisioning");
        var status = new JsonObject { ["ready"] = t.InfrastructureReady, ["initialization"] = new JsonObject { ["provisioned"] = t.InfrastructureReady } };
        return new DesiredObject(kind, c.Name, ClusterLabels(c), spec, status, [ready], [(CapiKinds.Cluster, c.Name)]);
    }

    private static DesiredObject ControlPlane(CapiContext c, ClusterTopology t)
    {
        var machines = t.ControlPlaneMachines.ToList();
        var ready = machines.Count(m => m.Phase == "Running");
        var spec = new JsonObject
        {
            ["replicas"] = c.Config.ControlPlaneNumber,
            ["version"] = ClusterTopology.Kubernetes(c.Version),
            ["machineTemplate"] = new JsonObject
            {
                ["infrastructureRef"] = new JsonObject
                {
                    ["apiVersion"] = CapiKinds.InfrastructureCluster(c.Profile).ApiVersion,
                    ["kind"] = CapiKinds.MachineKind(c.Profile) + "Template",
                    ["name"] = ControlPlaneName(c) + "-mt",
                    ["namespace"] = c.Namespace,
                },
            },
            ["k0sConfigSpec"] = new JsonObject { ["k0s"] = new JsonObject { ["apiVersion"] = "k0s.k0sproject.io/v1beta1", ["kind"] = "ClusterConfig" } },
        };
        var allReady = machines.Count > 0 && ready == c.Config.ControlPlaneNumber && machines.All(m => m.Phase == "Running");
        var status = new JsonObject
        {
            ["ready"] = allReady,
            ["initialized"] = t.ControlPlaneInitialized,
            ["initialization"] = new JsonObject { ["controlPlaneInitialized"] = t.ControlPlaneInitialized },
            ["replicas"] = machines.Count,
            ["readyReplicas"] = ready,
            ["updatedReplicas"] = machines.Count(m => m.UpToDate),
            ["unavailableReplicas"] = machines.Count - ready,
            ["version"] = machines.Count > 0 ? machines.Select(m => m.Version).Min(StringComparer.Ordinal) : null,
            ["selector"] = $"{ClusterNameLabel}={c.Name},cluster.x-k8s.io/control-plane",
        };
        List<ConditionUpdate> conditions = allReady
            ? [ConditionUpdate.True("Available", "Available"), ConditionUpdate.True("Ready", "Ready")]
            : [ConditionUpdate.False("Available", $"{ready} of {c.Config.ControlPlaneNumber} machines ready", "NotAvailable"),
               ConditionUpdate.False("Ready", $"{ready} of {c.Config.ControlPlaneNumber} machines ready", "NotReady")];
        return new DesiredObject(CapiKinds.K0sControlPlane, ControlPlaneName(c), ClusterLabels(c), spec, status, conditions, [(CapiKinds.Cluster, c.Name)]);
    }

    private static DesiredObject MachineDeployment(CapiContext c, ClusterTopology t, List<SimMachine> workers)
    {
        var running = workers.Count(m => m.Phase == "Running");
        var wanted = c.Config.WorkersNumber;
        var status = new JsonObject
        {
            ["replicas"] = workers.Count,
            ["readyReplicas"] = running,
            ["availableReplicas"] = workers.Count(m => m.HasNode),
            ["upToDateReplicas"] = workers.Count(m => m.UpToDate),
            ["phase"] = t.ClusterDeleting ? "Deleting" : workers.Count > wanted ? "ScalingDown" : running < wanted ? "ScalingUp" : "Running",
            ["selector"] = $"{ClusterNameLabel}={c.Name},cluster.x-k8s.io/deployment-name={c.Machines.MachineDeployment}",
            ["observedGeneration"] = 1,
        };
        var available = running >= wanted
            ? ConditionUpdate.True("Available", "Available")
            : ConditionUpdate.False("Available", string.Create(CultureInfo.InvariantCulture,
                $"{running} available replicas, at least {wanted} required (spec.strategy.rollout.maxUnavailable is 0, spec.replicas is {wanted})"), "NotAvailable");
        return new DesiredObject(CapiKinds.MachineDeployment, c.Machines.MachineDeployment, ClusterLabels(c), WorkerSpec(c, ClusterTopology.Kubernetes(c.Version)), status,
            [available, MachinesReady(workers)], [(CapiKinds.Cluster, c.Name)]);
    }

    private static DesiredObject MachineSet(CapiContext c, List<SimMachine> workers)
    {
        var labels = ClusterLabels(c);
        labels["cluster.x-k8s.io/deployment-name"] = c.Machines.MachineDeployment;
        var status = new JsonObject
        {
            ["replicas"] = workers.Count,
            ["readyReplicas"] = workers.Count(m => m.Phase == "Running"),
            ["availableReplicas"] = workers.Count(m => m.HasNode),
            ["upToDateReplicas"] = workers.Count(m => m.UpToDate),
            ["observedGeneration"] = 1,
        };
        return new DesiredObject(CapiKinds.MachineSet, c.Machines.MachineSet, labels, WorkerSpec(c, workers.Count > 0 ? workers[0].Version : ClusterTopology.Kubernetes(c.Version)), status,
            [MachinesReady(workers)], [(CapiKinds.MachineDeployment, c.Machines.MachineDeployment)]);
    }

    private static JsonObject WorkerSpec(CapiContext c, string version)
    {
        var selector = new JsonObject { [ClusterNameLabel] = c.Name, ["cluster.x-k8s.io/deployment-name"] = c.Machines.MachineDeployment };
        return new JsonObject
        {
            ["clusterName"] = c.Name,
            ["replicas"] = c.Config.WorkersNumber,
            ["selector"] = new JsonObject { ["matchLabels"] = selector },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = selector.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["clusterName"] = c.Name,
                    ["version"] = version,
                    ["bootstrap"] = new JsonObject { ["configRef"] = Ref(CapiKinds.BootstrapGroup, "K0sWorkerConfigTemplate", c.Name + "-machine-config") },
                    ["infrastructureRef"] = Ref(CapiKinds.InfrastructureGroup, CapiKinds.MachineKind(c.Profile) + "Template", c.Name + "-worker-mt"),
                },
            },
        };
    }

    private static ConditionUpdate MachinesReady(List<SimMachine> machines) =>
        machines.All(m => m.Phase == "Running")
            ? ConditionUpdate.True("MachinesReady", "Ready")
            : ConditionUpdate.False("MachinesReady", string.Join("\n", machines.Where(m => m.Phase != "Running").Select(m => $"* Machine {m.Name}: {m.Phase}")), "NotReady");

    private static DesiredObject Machine(CapiContext c, SimMachine m)
    {
        var bootstrapped = m.Phase != "Pending";
        var spec = new JsonObject
        {
            ["clusterName"] = c.Name,
            ["version"] = m.Version,
            ["bootstrap"] = new JsonObject { ["configRef"] = Ref(CapiKinds.BootstrapGroup, m.IsControlPlane ? "K0sControllerConfig" : "K0sWorkerConfig", m.Name) },
            ["infrastructureRef"] = Ref(CapiKinds.InfrastructureGroup, CapiKinds.MachineKind(c.Profile), m.Name),
        };
        if (bootstrapped)
        {
            spec["bootstrap"]!["dataSecretName"] = m.Name;
        }

        var provisioned = m.Phase is "Provisioned" or "Running" or "Deleting";
        if (provisioned)
        {
            spec["providerID"] = c.ProviderId(m.Name);
        }

        var status = new JsonObject
        {
            ["phase"] = m.Phase,
            ["initialization"] = new JsonObject { ["bootstrapDataSecretCreated"] = bootstrapped, ["infrastructureProvisioned"] = provisioned },
            ["observedGeneration"] = 1,
        };
        if (m.HasNode)
        {
            status["nodeRef"] = new JsonObject { ["name"] = m.Name };
            status["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = InternalIp(c, m.Name) });
        }

        var owner = m.IsControlPlane ? (CapiKinds.K0sControlPlane, ControlPlaneName(c)) : (CapiKinds.MachineSet, c.Machines.MachineSet);
        return new DesiredObject(CapiKinds.Machine, m.Name, MachineLabels(c, m), spec, status, MachineConditions(c, m, provisioned), [owner]);
    }

    private static JsonObject MachineLabels(CapiContext c, SimMachine m)
    {
        var labels = ClusterLabels(c);
        if (m.IsControlPlane)
        {
            labels["cluster.x-k8s.io/control-plane"] = "";
        }
        else
        {
            labels["cluster.x-k8s.io/deployment-name"] = c.Machines.MachineDeployment;
            labels["cluster.x-k8s.io/set-name"] = c.Machines.MachineSet;
        }

        return labels;
    }

    /// <summary>The v1beta2 conditions clients look at; Deleting only while the machine is being drained.</summary>
    private static List<ConditionUpdate> MachineConditions(CapiContext c, SimMachine m, bool provisioned)
    {
        var node = m.HasNode
            ? ConditionUpdate.True("NodeHealthy", "Healthy")
            : ConditionUpdate.False("NodeHealthy", provisioned ? CapiMessages.WaitingForNode(c, m.Name)["NodeHealthy: ".Length..] : "Waiting for a Node to exist", "NodeDoesNotExist");
        var ready = m.Phase == "Running" ? ConditionUpdate.True("Ready", "Ready") : ConditionUpdate.False("Ready", m.Draining ? "* Deleting: " + Draining : $"* NodeHealthy: {node.Message}", "NotReady");
        List<ConditionUpdate> conditions =
        [
            m.HasNode ? ConditionUpdate.True("Available", "Available") : ConditionUpdate.False("Available", "* NodeHealthy: Node does not exist", "NotAvailable"),
            ready,
            m.UpToDate ? ConditionUpdate.True("UpToDate", "UpToDate") : ConditionUpdate.False("UpToDate", $"* Version {m.Version}, {ClusterTopology.Kubernetes(c.Version)} required", "NotUpToDate"),
            provisioned ? ConditionUpdate.True("InfrastructureReady", "Ready")
                : ConditionUpdate.False("InfrastructureReady", m.Problem ?? $"{CapiKinds.MachineKind(c.Profile)} status.initialization.provisioned is false", m.Problem is null ? "NotReady" : "Failed"),
            node,
        ];
        if (m.Draining)
        {
            conditions.Add(ConditionUpdate.True("Deleting", "DrainingNode", Draining));
        }

        return conditions;
    }

    /// <summary>A node's kubelet version from the k0s version: v1.36.3+k0s.2 runs kubelet v1.36.3+k0s.</summary>
    public static string KubeletVersion(string k0sVersion)
    {
        var plus = k0sVersion.IndexOf("+k0s", StringComparison.Ordinal);
        return plus < 0 ? k0sVersion : k0sVersion[..(plus + 4)];
    }

    private static string InternalIp(CapiContext c, string machine)
    {
        var random = StableHash.RandomFor(c.Uid + "/ip/" + machine);
        return string.Create(CultureInfo.InvariantCulture, $"10.0.{random.Next(0, 16)}.{random.Next(4, 250)}");
    }

    private static JsonObject ClusterLabels(CapiContext c) => new() { [ClusterNameLabel] = c.Name };
}
