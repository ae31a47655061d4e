using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The Cluster API, provider and Flux kinds the simulated controller writes for each deployed cluster, and their
/// definitions (ours, minimal: names, status subresource, printer columns; <c>Definitions/capi-crds.yaml</c>),
/// which the seeder installs as CRDs so the API serves them. Clients may read them; the read-only webhook keeps
/// them the simulation's.
/// </summary>
internal static class CapiKinds
{
    public const string ClusterGroup = "cluster.x-k8s.io";
    public const string ControlPlaneGroup = "controlplane.cluster.x-k8s.io";
    public const string InfrastructureGroup = "infrastructure.cluster.x-k8s.io";
    public const string BootstrapGroup = "bootstrap.cluster.x-k8s.io";

    public static readonly ResourceType Cluster = new(ClusterGroup, "v1beta2", "clusters", "Cluster", Namespaced: true);
    public static readonly ResourceType MachineDeployment = new(ClusterGroup, "v1beta2", "machinedeployments", "MachineDeployment", Namespaced: true);
    public static readonly ResourceType MachineSet = new(ClusterGroup, "v1beta2", "machinesets", "MachineSet", Namespaced: true);
    public static readonly ResourceType Machine = new(ClusterGroup, "v1beta2", "machines", "Machine", Namespaced: true);
    public static readonly ResourceType K0sControlPlane = new(ControlPlaneGroup, "v1beta1", "k0scontrolplanes", "K0sControlPlane", Namespaced: true);
    public static readonly ResourceType AzureCluster = new(InfrastructureGroup, "v1beta1", "azureclusters", "AzureCluster", Namespaced: true);
    public static readonly ResourceType AwsCluster = new(InfrastructureGroup, "v1beta2", "awsclusters", "AWSCluster", Namespaced: true);
    public static readonly ResourceType GcpCluster = new(InfrastructureGroup, "v1beta1", "gcpclusters", "GCPCluster", Namespaced: true);
    public static readonly ResourceType HelmRelease = new("helm.toolkit.fluxcd.io", "v2", "helmreleases", "HelmRelease", Namespaced: true);

    /// <summary>Every kind, in the order the objects of a cluster are written (owners before what they own).</summary>
    public static IReadOnlyList<ResourceType> All { get; } =
        [HelmRelease, Cluster, AzureCluster, AwsCluster, GcpCluster, K0sControlPlane, MachineDeployment, MachineSet, Machine];

    private static readonly ResourceType CustomResourceDefinition = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);

    public static ResourceType InfrastructureCluster(ProviderProfile? profile) => profile?.Provider switch
    {
        CloudProvider.Aws => AwsCluster,
        CloudProvider.Gcp => GcpCluster,
        _ => AzureCluster,
    };

    /// <summary>The kind of a machine's infrastructure object (AzureMachine, AWSMachine, GCPMachine).</summary>
    public static string MachineKind(ProviderProfile? profile) => InfrastructureCluster(profile).Kind.Replace("Cluster", "Machine", StringComparison.Ordinal);

    /// <summary>Whether a kind is one of these, whatever version a client names.</summary>
    public static bool IsCapiKind(ResourceType type) => All.Any(k => k.Group == type.Group && k.Plural == type.Plural);

    /// <summary>Installs the definitions that are not there yet (a CRD applied by someone else is left alone).</summary>
    public static void InstallDefinitions(IObjectStore store)
    {
        using var stream = typeof(CapiKinds).Assembly.GetManifestResourceStream("capi-crds.yaml")
            ?? throw new InvalidOperationException("embedded resource capi-crds.yaml is missing");
        using var reader = new StreamReader(stream);
        foreach (var crd in YamlJson.ReadAll(reader.ReadToEnd()).OfType<JsonObject>())
        {
            if (store.Get(CustomResourceDefinition, null, JsonAccess.Name(crd)) is null)
            {
                foreach (var version in (JsonAccess.At(crd, "spec", "versions") as JsonArray ?? []).OfType<JsonObject>())
                {
                    version["schema"] = OpenSchema();
                }

                store.Create(CustomResourceDefinition, crd, "childctl-sandbox");
            }
        }
    }

    /// <summary>A structural schema that keeps spec and status as written.</summary>
    private static JsonObject OpenSchema() => new()
    {
        ["openAPIV3Schema"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["type"] = "string" },
                ["kind"] = new JsonObject { ["type"] = "string" },
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["spec"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                ["status"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            },
        },
    };
}
