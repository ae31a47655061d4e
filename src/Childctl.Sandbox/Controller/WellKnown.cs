namespace Childctl.Sandbox.Controller;

/// <summary>Names k0rdent and Cluster API put on objects (REFERENCE.md §6, §7), and the sandbox's own annotations.</summary>
public static class WellKnown
{
    public const string ClusterDeploymentFinalizer = "k0rdent.mirantis.com/cluster-deployment";
    public const string CredentialFinalizer = "k0rdent.mirantis.com/credential";
    public const string ComponentLabel = "k0rdent.mirantis.com/component";
    public const string ComponentValue = "kcm";
    public const string CapiClusterNameLabel = "cluster.x-k8s.io/cluster-name";
    public const string KubeconfigSecretType = "cluster.x-k8s.io/secret";
    public const string KubeconfigSecretKey = "value";

    /// <summary>The field manager the controller writes with (controller-runtime's default for the kcm binary).</summary>
    public const string FieldManager = "manager";

    /// <summary>The component named as the source of the controller's Kubernetes Events.</summary>
    public const string EventSource = "clusterdeployment-controller";

    /// <summary>Failure injection: where the simulated provisioning fails (see docs/sandbox.md).</summary>
    public const string FailAtAnnotation = "sandbox.childctl.dev/fail-at";

    /// <summary>Failure injection: the underlying error text, wrapped the way k0rdent or Cluster API would.</summary>
    public const string FailMessageAnnotation = "sandbox.childctl.dev/fail-message";

    /// <summary>Failure injection: "true" makes a CAPI failure count as Failed at once instead of after 30 minutes.</summary>
    public const string FailFastAnnotation = "sandbox.childctl.dev/fail-fast";

    public const string DefaultNamespace = "kcm-system";

    /// <summary>The name of the one Management object of a k0rdent installation.</summary>
    public const string ManagementName = "kcm";

    public static string KubeconfigSecretName(string clusterName) => clusterName + "-kubeconfig";
}
