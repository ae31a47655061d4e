namespace Childctl.Core.Kubernetes;

/// <summary>A served resource type: where it lives in the API and how messages and <c>-o name</c> call it.</summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind)
{
    public static readonly ResourceKind ClusterDeployment = new(K0rdent.Group, K0rdent.Version, "clusterdeployments", "ClusterDeployment");
    public static readonly ResourceKind ClusterTemplate = new(K0rdent.Group, K0rdent.Version, "clustertemplates", "ClusterTemplate");
    public static readonly ResourceKind Credential = new(K0rdent.Group, K0rdent.Version, "credentials", "Credential");
    public static readonly ResourceKind ClusterTemplateChain = new(K0rdent.Group, K0rdent.Version, "clustertemplatechains", "ClusterTemplateChain");
    public static readonly ResourceKind Secret = new(string.Empty, "v1", "secrets", "Secret");
    public static readonly ResourceKind Event = new(string.Empty, "v1", "events", "Event");

    /// <summary><c>clusterdeployments.k0rdent.mirantis.com</c>, as kubectl names a resource.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The <c>-o name</c> prefix, e.g. <c>clusterdeployment.k0rdent.mirantis.com</c>.</summary>
    public string NamePrefix => Group.Length == 0 ? Kind.ToLowerInvariant() : $"{Kind.ToLowerInvariant()}.{Group}";

    private static class K0rdent
    {
        public const string Group = "k0rdent.mirantis.com";
        public const string Version = "v1beta1";
    }
}
