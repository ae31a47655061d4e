namespace Childctl.Kubernetes.Tests;

/// <summary>A custom resource for the client's tests: the client knows no kind of its own beyond Secrets and Events.</summary>
internal static class TestKinds
{
    public static readonly ResourceKind ClusterDeployment = new("k0rdent.mirantis.com", "v1beta1", "clusterdeployments", "ClusterDeployment");
}
