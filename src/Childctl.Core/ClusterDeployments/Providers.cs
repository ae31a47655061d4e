namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// The clouds childctl can tell apart, named as the suffix of a template's <c>infrastructure-*</c> provider, and
/// where each keeps its region in <c>spec.config</c> (REFERENCE.md §11).
/// </summary>
public static class Providers
{
    public static readonly IReadOnlyList<string> Known = ["aws", "azure", "docker", "gcp", "openstack", "vsphere"];

    /// <summary>The cloud region from <c>spec.config</c>: <c>location</c> for azure, <c>region</c> for aws/gcp, else either.</summary>
    public static string? RegionOf(ClusterDeployment cluster, string? provider)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return provider switch
        {
            "azure" => Empty(cluster.ConfigString("location")),
            "aws" or "gcp" => Empty(cluster.ConfigString("region")),
            _ => Empty(cluster.ConfigString("region")) ?? Empty(cluster.ConfigString("location")),
        };
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
