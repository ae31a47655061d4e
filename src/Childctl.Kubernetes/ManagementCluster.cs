using k8s;

namespace Childctl.Kubernetes;

/// <summary>
/// The management cluster one invocation talks to, as the kubeconfig describes it. Resolving it reads only the local
/// kubeconfig, never the API, so offline commands (history, note, migrate) can use it too; the client configuration
/// (CA and key files, credentials, exec plugins) is built only when an API call first needs it.
/// </summary>
public sealed class ManagementCluster
{
    private readonly Lazy<KubernetesClientConfiguration> _configuration;

    internal ManagementCluster(string contextName, string clusterName, string server, string defaultNamespace, Func<KubernetesClientConfiguration> configure)
    {
        ContextName = contextName;
        ClusterName = clusterName;
        Server = server;
        DefaultNamespace = defaultNamespace;
        _configuration = new Lazy<KubernetesClientConfiguration>(configure);
    }

    /// <summary>The kubeconfig context used.</summary>
    public string ContextName { get; }

    /// <summary>The kubeconfig cluster name of that context; history is filed under it.</summary>
    public string ClusterName { get; }

    /// <summary>The API server URL.</summary>
    public string Server { get; }

    /// <summary>-n if given, else the context's namespace, else kcm-system.</summary>
    public string DefaultNamespace { get; }

    /// <summary>Built on first use; a kubeconfig that cannot be used throws (InvalidInput) here, every time.</summary>
    internal KubernetesClientConfiguration Configuration => _configuration.Value;
}
