using Childctl.Kubernetes.Config;
using k8s;

namespace Childctl.Kubernetes;

/// <summary>
/// The management cluster one invocation talks to, as the kubeconfig describes it. Resolving it reads only the local
/// kubeconfig, never the API, so offline commands (history, note, migrate) can use it too; the client configuration
/// (CA and key files, credentials, exec plugins) is built only when an API call first needs it.
/// </summary>
public sealed class ManagementCluster
{
    private readonly Lazy<ConnectionSettings> _settings;

    internal ManagementCluster(string contextName, string clusterName, string server, string defaultNamespace, Func<ConnectionSettings> configure)
    {
        ContextName = contextName;
        ClusterName = clusterName;
        Server = server;
        DefaultNamespace = defaultNamespace;
        _settings = new Lazy<ConnectionSettings>(configure);
    }

    /// <summary>The kubeconfig context used.</summary>
    public string ContextName { get; }

    /// <summary>The kubeconfig cluster name of that context; history is filed under it.</summary>
    public string ClusterName { get; }

    /// <summary>The API server URL.</summary>
    public string Server { get; }

    /// <summary>-n if given, else the context's namespace, else kcm-system.</summary>
    public string DefaultNamespace { get; }

    /// <summary>
    /// Whether the context's user gets its credential from an exec plugin (and has no token that would take precedence):
    /// commands that need no API answer skip optional API calls then, so that they never start (or wait for) a plugin.
    /// </summary>
    public bool UsesCredentialPlugin { get; init; }

    /// <summary>The contexts of the kubeconfig files read, in kubectl's order (first file that defines a name wins).</summary>
    internal IReadOnlyList<KubeconfigContext> Contexts { get; init; } = [];

    /// <summary>
    /// The contexts that <c>childctl kubeconfig --merge</c> added, in the kubeconfig read when this was resolved, for the
    /// ClusterDeployments <paramref name="clusters"/> (namespace, name) of this management cluster: in their order, then
    /// the kubeconfig's.
    /// </summary>
    public IReadOnlyList<MergedContext> MergedContextsFor(IEnumerable<(string Namespace, string Name)> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        return [.. clusters.SelectMany(c => Contexts
            .Where(x => x.MergedFrom == new MergeMarker(ClusterName, c.Namespace, c.Name))
            .Select(x => new MergedContext(x.Name, x.SourceFile, c.Namespace, c.Name)))];
    }

    /// <summary>Built on first use; a kubeconfig that cannot be used throws (InvalidInput) here, every time.</summary>
    internal ConnectionSettings Settings => _settings.Value;

    /// <summary>The official client's part of <see cref="Settings"/>: server, TLS and credentials.</summary>
    internal KubernetesClientConfiguration Configuration => Settings.Client;
}

/// <summary>A kubeconfig context that <c>childctl kubeconfig --merge</c> added: its name and file, and the ClusterDeployment (namespace, name) it points at.</summary>
public sealed record MergedContext(string Name, string File, string ClusterNamespace, string ClusterName)
{
    /// <summary>The name of the extension on each entry a merge adds (kubectl keeps extensions it does not know).</summary>
    public const string Marker = "childctl.dev/merged";
}
