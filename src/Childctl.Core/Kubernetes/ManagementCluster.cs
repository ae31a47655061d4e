using k8s;

namespace Childctl.Core.Kubernetes;

/// <summary>
/// The management cluster one invocation talks to, as the kubeconfig describes it. Resolving it reads only
/// the local kubeconfig, never the API, so offline commands (history, note) can use it too.
/// </summary>
public sealed class ManagementCluster
{
    internal ManagementCluster(string contextName, string clusterName, string server, string defaultNamespace, KubernetesClientConfiguration configuration)
    {
        ContextName = contextName;
        ClusterName = clusterName;
        Server = server;
        DefaultNamespace = defaultNamespace;
        Configuration = configuration;
    }

    /// <summary>The kubeconfig context used.</summary>
    public string ContextName { get; }

    /// <summary>The kubeconfig cluster name of that context; history is filed under it.</summary>
    public string ClusterName { get; }

    /// <summary>The API server URL.</summary>
    public string Server { get; }

    /// <summary>-n if given, else the context's namespace, else kcm-system.</summary>
    public string DefaultNamespace { get; }

    internal KubernetesClientConfiguration Configuration { get; }
}
