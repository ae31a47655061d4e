using Childctl.Kubernetes;

namespace Childctl.Core.Api;

/// <summary>The k0rdent resources childctl reads and writes (group <c>k0rdent.mirantis.com</c>, REFERENCE.md §1).</summary>
public static class K0rdentKinds
{
    public const string Group = "k0rdent.mirantis.com";
    public const string Version = "v1beta1";

    public static readonly ResourceKind ClusterDeployment = new(Group, Version, "clusterdeployments", "ClusterDeployment");
    public static readonly ResourceKind ClusterTemplate = new(Group, Version, "clustertemplates", "ClusterTemplate");
    public static readonly ResourceKind Credential = new(Group, Version, "credentials", "Credential");
    public static readonly ResourceKind ClusterTemplateChain = new(Group, Version, "clustertemplatechains", "ClusterTemplateChain");
}
