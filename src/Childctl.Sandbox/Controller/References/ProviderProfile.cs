namespace Childctl.Sandbox.Controller;

/// <summary>
/// What differs between the simulated clouds: chart and provider names, the CAPI infrastructure kind, the
/// identity a Credential points to, the config keys a user must set (REFERENCE.md §10, §11), and the choices
/// the seeder draws from.
/// </summary>
internal sealed record ProviderProfile(
    CloudProvider Provider,
    string Chart,
    string InfrastructureProvider,
    string InfrastructureKind,
    string IdentityApiVersion,
    string IdentityKind,
    string IdentityName,
    string CredentialName,
    string RegionKey,
    string SizeKey,
    IReadOnlyList<string> RequiredTopLevel,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Sizes,
    int MinimumRootVolume)
{
    public static readonly ProviderProfile Azure = new(
        CloudProvider.Azure, "azure-standalone-cp", "infrastructure-azure", "AzureCluster",
        "infrastructure.cluster.x-k8s.io/v1beta1", "AzureClusterIdentity", "azure-cluster-identity", "azure-cluster-identity-cred",
        "location", "vmSize", ["location", "subscriptionID"],
        ["eastus", "westus2", "westeurope", "northeurope"], ["Standard_A4_v2", "Standard_D4s_v5", "Standard_D8s_v5"], 0);

    public static readonly ProviderProfile Aws = new(
        CloudProvider.Aws, "aws-standalone-cp", "infrastructure-aws", "AWSCluster",
        "infrastructure.cluster.x-k8s.io/v1beta2", "AWSClusterStaticIdentity", "aws-cluster-identity", "aws-cluster-credential",
        "region", "instanceType", ["region"],
        ["us-west-2", "us-east-1", "eu-central-1"], ["t3.small", "t3.medium", "t3.large", "m5.xlarge"], 8);

    public static readonly ProviderProfile Gcp = new(
        CloudProvider.Gcp, "gcp-standalone-cp", "infrastructure-gcp", "GCPCluster",
        "v1", "Secret", "gcp-cloud-sa", "gcp-credential",
        "region", "instanceType", ["project", "region"],
        ["us-east4", "us-central1", "europe-west1"], ["n1-standard-2", "n1-standard-4", "e2-standard-4"], 0);

    public static IReadOnlyList<ProviderProfile> All { get; } = [Azure, Aws, Gcp];

    public static ProviderProfile For(CloudProvider provider) => provider switch
    {
        CloudProvider.Azure => Azure,
        CloudProvider.Aws => Aws,
        _ => Gcp,
    };

    /// <summary>The profile whose infrastructure provider a template lists, e.g. <c>infrastructure-aws</c>.</summary>
    public static ProviderProfile? FromProviders(IEnumerable<string> providers) =>
        All.FirstOrDefault(p => providers.Contains(p.InfrastructureProvider, StringComparer.Ordinal));

    /// <summary>Every identity kind some cloud accepts: what the credential controller can make ready.</summary>
    public static IReadOnlyList<string> AllIdentityKinds { get; } = All.SelectMany(p => p.IdentityKinds).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The Credential identity kinds this cloud's infrastructure provider accepts (REFERENCE.md §10): what its
    /// ProviderInterface lists as <c>clusterIdentityKinds</c>, which k0rdent's webhook and controller check.
    /// </summary>
    public IReadOnlyList<string> IdentityKinds => Provider switch
    {
        CloudProvider.Azure => ["AzureClusterIdentity", "Secret"],
        CloudProvider.Aws => ["AWSClusterStaticIdentity", "AWSClusterRoleIdentity", "AWSClusterControllerIdentity"],
        _ => ["Secret"],
    };

    /// <summary>
    /// k0rdent's check that a Credential fits a template (its webhook's and controller's
    /// <c>isCredIdentitySupportsClusterTemplate</c>): every infrastructure provider of the template must accept the
    /// identity kind. Returns k0rdent's sentence for the first that does not, or null when it fits.
    /// </summary>
    public static string? IdentityMismatch(string identityKind, string credentialKey, IEnumerable<string> templateProviders)
    {
        foreach (var provider in templateProviders.Where(p => p.StartsWith("infrastructure-", StringComparison.Ordinal)))
        {
            IReadOnlyList<string>? kinds = provider == "infrastructure-internal" ? ["Secret"] : FromProviders([provider])?.IdentityKinds;
            if (kinds is null)
            {
                return $"unsupported infrastructure provider {provider}";
            }

            if (!kinds.Contains(identityKind, StringComparer.Ordinal))
            {
                return $"provider {provider} does not support ClusterIdentity Kind {identityKind} from the Credential {credentialKey}";
            }
        }

        return null;
    }

    public string Name => Provider.ToString().ToLowerInvariant();

    /// <summary>The cloud's name as people write it: Azure, AWS, GCP.</summary>
    public string DisplayName => Provider == CloudProvider.Azure ? "Azure" : Provider.ToString().ToUpperInvariant();
}

/// <summary>The infrastructure providers the sandbox simulates.</summary>
public enum CloudProvider
{
    Azure,
    Aws,
    Gcp,
}
