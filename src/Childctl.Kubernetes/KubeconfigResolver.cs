using Childctl.Kubernetes.Config;
using Childctl.Kubernetes.Transport;
using k8s;

namespace Childctl.Kubernetes;

/// <summary>
/// Finds the management cluster the way kubectl does: <c>--kubeconfig</c>, else every file in
/// <c>$KUBECONFIG</c> (merged, first wins), else <c>~/.kube/config</c>; <c>--context</c>, else the current
/// context; <c>-n</c>, else the context's namespace, else <c>kcm-system</c>.
/// </summary>
public static class KubeconfigResolver
{
    public const string FallbackNamespace = "kcm-system";

    /// <param name="impersonate">--as, --as-group, --as-uid: laid over the kubeconfig user's as, as-groups, as-uid.</param>
    public static ManagementCluster Resolve(string? kubeconfigPath, string? contextName, string? explicitNamespace, Func<string, string?> environment,
        Impersonation? impersonate = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var files = LocateFiles(kubeconfigPath, environment);
        var config = Load(files);
        var name = string.IsNullOrEmpty(contextName) ? config.CurrentContext : contextName;
        if (string.IsNullOrEmpty(name))
        {
            throw KubernetesException.InvalidInput(
                $"kubeconfig {Describe(files)} has no current context: pass --context (one of: {ContextNames(config)})");
        }

        var context = config.Contexts.FirstOrDefault(c => c.Name == name)
            ?? throw KubernetesException.InvalidInput(
                $"context \"{name}\" not found in kubeconfig {Describe(files)} (available: {ContextNames(config)})");
        var clusterName = context.Cluster ?? string.Empty;
        var cluster = config.Clusters.FirstOrDefault(c => c.Name == clusterName)
            ?? throw KubernetesException.InvalidInput(
                $"context \"{name}\" refers to cluster \"{clusterName}\", which is not in kubeconfig {Describe(files)}");
        var server = cluster.Server;
        if (string.IsNullOrEmpty(server))
        {
            throw KubernetesException.InvalidInput($"cluster \"{clusterName}\" in kubeconfig {Describe(files)} has no server URL");
        }

        var ns = !string.IsNullOrEmpty(explicitNamespace) ? explicitNamespace
            : !string.IsNullOrEmpty(context.Namespace) ? context.Namespace
            : FallbackNamespace;
        var plugin = config.Users.FirstOrDefault(u => u.Name == context.User) is { Exec: not null, Token: null or "", TokenFile: null };
        return new ManagementCluster(name, clusterName, server, ns, () => Configure(context, cluster, config, files, impersonate))
        {
            UsesCredentialPlugin = plugin,
            Contexts = config.Contexts,
        };
    }

    /// <summary>Credentials and TLS material: only on the first API call, so that offline commands never need them.</summary>
    private static ConnectionSettings Configure(KubeconfigContext context, KubeconfigCluster cluster, KubeconfigDocument config, FileInfo[] files, Impersonation? impersonate)
    {
        KubeconfigUser? user = null;
        if (!string.IsNullOrEmpty(context.User))
        {
            user = config.Users.FirstOrDefault(u => u.Name == context.User)
                ?? throw KubernetesException.InvalidInput(
                    $"context \"{context.Name}\" refers to user \"{context.User}\", which is not in kubeconfig {Describe(files)}");
        }

        return ClientConfigurationBuilder.Build(cluster, user, context.Namespace, TimeProvider.System, impersonate);
    }

    private static FileInfo[] LocateFiles(string? kubeconfigPath, Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(kubeconfigPath))
        {
            var file = new FileInfo(kubeconfigPath);
            return file.Exists
                ? [file]
                : throw KubernetesException.InvalidInput(Directory.Exists(kubeconfigPath)
                    ? $"kubeconfig {kubeconfigPath} is a folder: give the kubeconfig file with --kubeconfig"
                    : $"kubeconfig {kubeconfigPath} does not exist: check --kubeconfig");
        }

        var fromEnv = environment("KUBECONFIG");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            var files = fromEnv.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => new FileInfo(p))
                .Where(f => f.Exists)
                .ToArray();
            return files.Length > 0
                ? files
                : throw KubernetesException.InvalidInput($"no file named in KUBECONFIG ({fromEnv}) exists: set KUBECONFIG or pass --kubeconfig");
        }

        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var fallback = new FileInfo(Path.Combine(home, ".kube", "config"));
        return fallback.Exists
            ? [fallback]
            : throw KubernetesException.InvalidInput(
                $"no kubeconfig found ({fallback.FullName} does not exist): pass --kubeconfig, set KUBECONFIG, or start one with 'childctl sandbox up'");
    }

    /// <summary>The context names of the kubeconfig files kubectl would read (for completion; nothing else is resolved).</summary>
    public static IReadOnlyList<string> ContextNames(string? kubeconfigPath, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Load(LocateFiles(kubeconfigPath, environment)).Contexts.Select(c => c.Name).ToList();
    }

    private static KubeconfigDocument Load(FileInfo[] files) => KubeconfigDocument.Merge(files.Select(Read).ToList());

    private static KubeconfigDocument Read(FileInfo file)
    {
        try
        {
            return KubeconfigReader.Read(file.FullName);
        }
        catch (Exception e) when (e is not KubernetesException and not OutOfMemoryException)
        {
            throw KubernetesException.InvalidInput($"kubeconfig {file.FullName} could not be read: {FirstLine(e.Message)}");
        }
    }

    private static string ContextNames(KubeconfigDocument config)
    {
        var names = config.Contexts.Select(c => c.Name).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static string Describe(FileInfo[] files) => string.Join(Path.PathSeparator, files.Select(f => f.FullName));

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}

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
