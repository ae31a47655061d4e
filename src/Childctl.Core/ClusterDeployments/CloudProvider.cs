namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// Everything childctl knows about one cloud, in one place: the flags that say where a cluster goes and the
/// <c>spec.config</c> keys they fill (REFERENCE.md §11), the machine size and disk keys and defaults, the identity
/// kinds its Credentials may use (REFERENCE.md §10), and where its clusters keep their region. <c>create PROVIDER</c>,
/// the credential and template pickers, the provider's required keys and <c>list</c>'s REGION all read it from here;
/// adding a cloud is adding an entry. Other templates (hosted control planes, AKS/EKS/GKE) are reachable with <c>create -f</c>.
/// </summary>
public sealed record CloudProvider
{
    public static readonly CloudProvider Azure = new()
    {
        Name = "azure",
        Location =
        [
            new("--location", "location", "location", "Azure location, e.g. eastus"),
            new("--subscription-id", "subscriptionID", "subscription_id", "the Azure subscription to create the cluster in"),
        ],
        RegionKey = "location",
        InstanceSizeKey = "vmSize",
        DefaultInstanceSize = "Standard_A4_v2",
        IdentityKinds = ["AzureClusterIdentity", "Secret"],
    };

    public static readonly CloudProvider Aws = new()
    {
        Name = "aws",
        Location = [new("--region", "region", "region", "AWS region, e.g. us-west-2")],
        RegionKey = "region",
        InstanceSizeKey = "instanceType",
        DefaultInstanceSize = "t3.small",
        MinRootVolumeGb = 8,
        IdentityKinds = ["AWSClusterStaticIdentity", "AWSClusterRoleIdentity", "AWSClusterControllerIdentity"],
    };

    public static readonly CloudProvider Gcp = new()
    {
        Name = "gcp",
        Location =
        [
            new("--project", "project", "project", "the GCP project id"),
            new("--region", "region", "region", "GCP region, e.g. us-east4"),
        ],
        RegionKey = "region",
        InstanceSizeKey = "instanceType",
        DefaultInstanceSize = "n1-standard-2",
        RootVolumeKey = "rootDeviceSize",
        IdentityKinds = ["Secret"],
    };

    /// <summary>The clouds <c>create PROVIDER</c> builds configs for.</summary>
    public static IReadOnlyList<CloudProvider> All { get; } = [Azure, Aws, Gcp];

    /// <summary>The clouds childctl can tell apart (the suffix of a template's <c>infrastructure-*</c> provider), for filters.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = ["aws", "azure", "docker", "gcp", "openstack", "vsphere"];

    public required string Name { get; init; }

    /// <summary>The flags that say where the cluster goes, each filling one config key; all are required.</summary>
    public required IReadOnlyList<LocationFlag> Location { get; init; }

    /// <summary>The <c>spec.config</c> key holding the cloud region (Azure's location).</summary>
    public required string RegionKey { get; init; }

    /// <summary>The config key of the machine size: Azure calls it vmSize, AWS and GCP instanceType.</summary>
    public required string InstanceSizeKey { get; init; }

    public required string DefaultInstanceSize { get; init; }

    /// <summary>The config key of the root disk size: GCP's chart calls it rootDeviceSize.</summary>
    public string RootVolumeKey { get; init; } = "rootVolumeSize";

    /// <summary>
    /// The smallest root disk the standalone templates accept, in GB (REFERENCE.md §11: AWS ≥ 8). k0rdent checks it only in
    /// its controller, after the create, so a smaller value passes the server-side dry run.
    /// </summary>
    public int MinRootVolumeGb { get; init; } = 1;

    /// <summary>The <c>identityRef.kind</c>s a Credential for this cloud may have.</summary>
    public required IReadOnlyList<string> IdentityKinds { get; init; }

    /// <summary>The standalone chart family, e.g. <c>azure-standalone-cp</c>: templates are named after it.</summary>
    public string ChartFamily => $"{Name}-standalone-cp";

    /// <summary>The CAPI infrastructure provider a template of this cloud lists in <c>status.providers</c>.</summary>
    public string InfrastructureProvider => $"infrastructure-{Name}";

    /// <summary>The config keys (dotted paths) a cluster of this cloud must set.</summary>
    public IReadOnlyList<string> RequiredKeys =>
        [.. Location.Select(l => l.ConfigKey), $"controlPlane.{InstanceSizeKey}", $"worker.{InstanceSizeKey}"];

    public static CloudProvider? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The provider whose infrastructure provider a template lists in <c>status.providers</c>, if any.</summary>
    public static CloudProvider? ForTemplateProviders(IEnumerable<string>? providers) =>
        providers is null ? null : All.FirstOrDefault(p => providers.Contains(p.InfrastructureProvider, StringComparer.Ordinal));

    /// <summary>The cloud region from <c>spec.config</c>: the cloud's own key, or for other clouds <c>region</c> else <c>location</c>.</summary>
    public static string? RegionOf(ClusterDeployment cluster, string? provider)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return Find(provider) is { } known
            ? Empty(cluster.ConfigString(known.RegionKey))
            : Empty(cluster.ConfigString("region")) ?? Empty(cluster.ConfigString("location"));
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

/// <summary>One flag of <c>create PROVIDER</c> that says where the cluster goes: the config key it sets, its history parameter, and a hint.</summary>
public sealed record LocationFlag(string Flag, string ConfigKey, string Parameter, string Hint);
