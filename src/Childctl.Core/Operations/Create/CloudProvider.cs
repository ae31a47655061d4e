namespace Childctl.Core.Operations.Create;

/// <summary>
/// The clouds <c>childctl create PROVIDER</c> builds configs for, and the facts about each standalone
/// template (REFERENCE.md §11): the chart family, the CAPI infrastructure provider and the keys a user
/// must set. Other templates (hosted control planes, AKS/EKS/GKE) are reachable with <c>create -f</c>.
/// </summary>
public sealed record CloudProvider(string Name, string ChartFamily, string InfrastructureProvider, IReadOnlyList<string> RequiredKeys, string DefaultInstanceSize)
{
    public static readonly CloudProvider Azure = new(
        "azure", "azure-standalone-cp", "infrastructure-azure",
        ["location", "subscriptionID", "controlPlane.vmSize", "worker.vmSize"], "Standard_A4_v2");

    public static readonly CloudProvider Aws = new(
        "aws", "aws-standalone-cp", "infrastructure-aws",
        ["region", "controlPlane.instanceType", "worker.instanceType"], "t3.small");

    public static readonly CloudProvider Gcp = new(
        "gcp", "gcp-standalone-cp", "infrastructure-gcp",
        ["project", "region", "controlPlane.instanceType", "worker.instanceType"], "n1-standard-2");

    public static IReadOnlyList<CloudProvider> All { get; } = [Azure, Aws, Gcp];

    /// <summary>The config key holding the machine size: Azure calls it vmSize, AWS and GCP instanceType.</summary>
    public string InstanceSizeKey => Name == "azure" ? "vmSize" : "instanceType";

    /// <summary>The config key holding the root disk size: GCP's chart calls it rootDeviceSize.</summary>
    public string RootVolumeKey => Name == "gcp" ? "rootDeviceSize" : "rootVolumeSize";

    /// <summary>
    /// The smallest root disk the provider's standalone templates accept, in GB (REFERENCE.md §11: AWS ≥ 8). k0rdent
    /// checks it only in its controller, after the create, so a smaller value passes the server-side dry run.
    /// </summary>
    public int MinRootVolumeGb => Name == "aws" ? 8 : 1;

    public static CloudProvider? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The provider whose infrastructure provider a template lists in <c>status.providers</c>, if any.</summary>
    public static CloudProvider? ForTemplateProviders(IEnumerable<string>? providers) =>
        providers is null ? null : All.FirstOrDefault(p => providers.Contains(p.InfrastructureProvider, StringComparer.Ordinal));
}
