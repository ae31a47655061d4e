using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.ChildApi;

/// <summary>
/// What one simulated child cluster's API shows, read from the management store at each request: one Node per CAPI
/// Machine that has a Node (the simulation's control-plane and worker machines, same names, Ready, drained ones
/// unschedulable), the namespaces a fresh k0s cluster has plus those of its deployed add-on services, and its
/// version (the control plane's k0s version). Nothing is kept here, so a scale shows at once.
/// </summary>
internal sealed class ChildCluster
{
    private static readonly string[] SystemNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"];

    private readonly ObjectStore _store;
    private readonly JsonObject _deployment;

    private ChildCluster(ObjectStore store, JsonObject deployment, JsonObject kubeconfigSecret)
    {
        _store = store;
        _deployment = deployment;
        Since = JsonAccess.String(kubeconfigSecret, "metadata", "creationTimestamp") ?? "";
    }

    public string Namespace => JsonAccess.Namespace(_deployment);

    public string Name => JsonAccess.Name(_deployment);

    public string Uid => JsonAccess.Uid(_deployment);

    /// <summary>When its API came up: the kubeconfig Secret appears then.</summary>
    public string Since { get; }

    /// <summary>The child, when its control plane is up (its ClusterDeployment exists and has its kubeconfig Secret).</summary>
    public static ChildCluster? Find(ObjectStore store, string ns, string name)
    {
        var deployment = store.Get(ResourceType.ClusterDeployment, ns, name);
        var secret = deployment is null ? null : store.Get(ResourceType.Secret, ns, WellKnown.KubeconfigSecretName(name));
        return deployment is null || secret is null ? null : new ChildCluster(store, deployment, secret);
    }

    /// <summary>The Kubernetes version the control plane runs, as its /version reports it (v1.36.3+k0s).</summary>
    public string KubernetesVersion =>
        CapiObjects.KubeletVersion(JsonAccess.String(_store.Get(CapiKinds.K0sControlPlane, Namespace, Name + "-cp"), "spec", "version")
            ?? ClusterTopology.Kubernetes(""));

    public List<JsonObject> Nodes()
    {
        var (machines, _) = _store.Snapshot(CapiKinds.Machine, Namespace);
        return machines.Where(m => m.Labels.GetValueOrDefault(WellKnown.CapiClusterNameLabel) == Name)
            .Select(m => m.ToNode())
            .Where(m => JsonAccess.String(m, "status", "nodeRef", "name") is not null)
            .Select(Node)
            .OrderBy(JsonAccess.Name, StringComparer.Ordinal)
            .ToList();
    }

    public List<JsonObject> Namespaces()
    {
        var services = (JsonAccess.At(_deployment, "status", "services") as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => JsonAccess.String(s, "state") == "Deployed")
            .Select(s => (Name: JsonAccess.String(s, "namespace") ?? "default", Since: JsonAccess.String(s, "lastStateTransitionTime") ?? Since));
        return SystemNamespaces.Select(n => (Name: n, Since)).Concat(services)
            .DistinctBy(n => n.Name)
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => NamespaceObject(n.Name, n.Since))
            .ToList();
    }

    private JsonObject NamespaceObject(string name, string since) => new()
    {
        ["kind"] = "Namespace",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["uid"] = UidFrom(Uid + "/ns/" + name),
            ["resourceVersion"] = "1",
            ["creationTimestamp"] = since,
            ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name },
        },
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    };

    private JsonObject Node(JsonObject machine)
    {
        var name = JsonAccess.String(machine, "status", "nodeRef", "name")!;
        var controlPlane = JsonAccess.Label(machine, "cluster.x-k8s.io/control-plane") is not null;
        var draining = (JsonAccess.At(machine, "status", "conditions") as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => JsonAccess.String(c, "type") == "Deleting" && JsonAccess.String(c, "status") == "True");
        var created = NodeSince(machine) ?? JsonAccess.String(machine, "metadata", "creationTimestamp") ?? Since;
        var spec = new JsonObject { ["providerID"] = JsonAccess.String(machine, "spec", "providerID") };
        if (draining)
        {
            spec["unschedulable"] = true;
            spec["taints"] = new JsonArray(new JsonObject { ["key"] = "node.kubernetes.io/unschedulable", ["effect"] = "NoSchedule", ["timeAdded"] = created });
        }

        return new JsonObject
        {
            ["kind"] = "Node",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["uid"] = UidFrom(JsonAccess.Uid(machine) + "/node"),
                ["resourceVersion"] = JsonAccess.ResourceVersion(machine),
                ["creationTimestamp"] = created,
                ["labels"] = NodeLabels(name, controlPlane),
                ["annotations"] = new JsonObject
                {
                    ["cluster.x-k8s.io/cluster-name"] = Name,
                    ["cluster.x-k8s.io/cluster-namespace"] = Namespace,
                    ["cluster.x-k8s.io/machine"] = JsonAccess.Name(machine),
                },
            },
            ["spec"] = spec,
            ["status"] = NodeStatus(machine, name, created),
        };
    }

    /// <summary>The labels the kubelet and the cloud provider put on a Node.</summary>
    private JsonObject NodeLabels(string name, bool controlPlane)
    {
        var labels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
        };
        if (InstanceType(controlPlane) is { Length: > 0 } size)
        {
            labels["node.kubernetes.io/instance-type"] = size;
        }

        if (controlPlane)
        {
            labels["node-role.kubernetes.io/control-plane"] = "true";
        }

        return labels;
    }

    /// <summary>When the machine's Node appeared: its NodeHealthy condition turned True then.</summary>
    private static string? NodeSince(JsonObject machine) =>
        (JsonAccess.At(machine, "status", "conditions") as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => JsonAccess.String(c, "type") == "NodeHealthy" && JsonAccess.String(c, "status") == "True")
            .Select(c => JsonAccess.String(c, "lastTransitionTime")).FirstOrDefault();

    private static JsonObject NodeStatus(JsonObject machine, string name, string since)
    {
        var kubelet = CapiObjects.KubeletVersion(JsonAccess.String(machine, "spec", "version") ?? "");
        var provider = JsonAccess.String(machine, "spec", "infrastructureRef", "kind") switch
        {
            "AWSMachine" => "aws",
            "GCPMachine" => "gcp",
            _ => "azure",
        };
        var info = new JsonObject
        {
            ["machineID"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32],
            ["kernelVersion"] = "6.8.0-1021-" + provider,
            ["osImage"] = "Ubuntu 22.04.5 LTS",
            ["containerRuntimeVersion"] = "containerd://1.7.27",
            ["kubeletVersion"] = kubelet,
            ["kubeProxyVersion"] = kubelet,
            ["operatingSystem"] = "linux",
            ["architecture"] = "amd64",
        };
        var addresses = JsonAccess.At(machine, "status", "addresses")?.DeepClone() as JsonArray ?? [];
        addresses.Add((JsonNode)new JsonObject { ["type"] = "Hostname", ["address"] = name });
        var resources = new JsonObject { ["cpu"] = "4", ["ephemeral-storage"] = "30308240Ki", ["memory"] = "16393520Ki", ["pods"] = "110" };
        return new JsonObject
        {
            ["capacity"] = resources,
            ["allocatable"] = resources.DeepClone(),
            ["conditions"] = new JsonArray(
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", since),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", since),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", since),
                Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", since)),
            ["addresses"] = addresses,
            ["nodeInfo"] = info,
        };
    }

    private static JsonObject Condition(string type, string status, string reason, string message, string since) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastHeartbeatTime"] = since,
        ["lastTransitionTime"] = since,
        ["reason"] = reason,
        ["message"] = message,
    };

    /// <summary>The machine size the ClusterDeployment asks for, as the cloud provider labels its Nodes.</summary>
    private string InstanceType(bool controlPlane)
    {
        var section = controlPlane ? "controlPlane" : "worker";
        var config = JsonAccess.At(_deployment, "spec", "config", section);
        return JsonAccess.String(config, "vmSize") ?? JsonAccess.String(config, "instanceType") ?? "";
    }

    /// <summary>A uid that is the same for the same object at every request.</summary>
    private static string UidFrom(string seed) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString();
}
