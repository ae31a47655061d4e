using Childctl.Kubernetes.Identity;

namespace Childctl.Kubernetes.Config;

/// <summary>
/// The parts of one kubeconfig (or of a KUBECONFIG list merged by kubectl's rule) that childctl uses. Entries keep
/// file order; within a merged list the first file that defines a name wins, and so does the first current-context.
/// </summary>
internal sealed record KubeconfigDocument(
    string? CurrentContext,
    IReadOnlyList<KubeconfigContext> Contexts,
    IReadOnlyList<KubeconfigCluster> Clusters,
    IReadOnlyList<KubeconfigUser> Users)
{
    public static KubeconfigDocument Merge(IEnumerable<KubeconfigDocument> documents)
    {
        string? current = null;
        var contexts = new List<KubeconfigContext>();
        var clusters = new List<KubeconfigCluster>();
        var users = new List<KubeconfigUser>();
        foreach (var document in documents)
        {
            current = string.IsNullOrEmpty(current) ? document.CurrentContext : current;
            AddNew(contexts, document.Contexts, c => c.Name);
            AddNew(clusters, document.Clusters, c => c.Name);
            AddNew(users, document.Users, u => u.Name);
        }

        return new KubeconfigDocument(current, contexts, clusters, users);
    }

    private static void AddNew<T>(List<T> into, IEnumerable<T> from, Func<T, string> name)
    {
        var seen = new HashSet<string>(into.Select(name), StringComparer.Ordinal);
        into.AddRange(from.Where(item => seen.Add(name(item))));
    }
}

/// <summary>
/// One <c>contexts[]</c> entry of a kubeconfig: which cluster, which user, which default namespace; the file that holds
/// it and, for a context that <c>childctl kubeconfig --merge</c> added, the ClusterDeployment its marker names.
/// </summary>
internal sealed record KubeconfigContext(string Name, string? Cluster, string? User, string? Namespace)
{
    public string SourceFile { get; init; } = string.Empty;

    public MergeMarker? MergedFrom { get; init; }
}

/// <summary>The <see cref="MergedContext.Marker"/> extension of a merged entry: the management cluster, namespace and name of its ClusterDeployment.</summary>
internal sealed record MergeMarker(string ManagementCluster, string Namespace, string Name);

/// <summary>
/// One <c>clusters[]</c> entry of a kubeconfig. <see cref="CertificateAuthority"/> is already absolute: a relative
/// path was resolved against the folder of the file that named it, as kubectl does.
/// </summary>
internal sealed record KubeconfigCluster(string Name, string SourceFile)
{
    public string? Server { get; init; }

    public string? CertificateAuthority { get; init; }

    /// <summary>Base64 of the PEM (or DER) CA certificate(s), as written in the file.</summary>
    public string? CertificateAuthorityData { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    public string? TlsServerName { get; init; }

    /// <summary>proxy-url: every request goes through this proxy (http, https or socks5), whatever the environment says.</summary>
    public string? ProxyUrl { get; init; }

    /// <summary>disable-compression: do not ask the server for gzip.</summary>
    public bool DisableCompression { get; init; }
}

/// <summary>
/// One <c>users[]</c> entry of a kubeconfig (kubectl's AuthInfo): the credentials childctl understands, plus the
/// name of an <c>auth-provider</c> so that it can refuse one clearly. File paths are already absolute.
/// </summary>
internal sealed record KubeconfigUser(string Name, string SourceFile)
{
    public string? Token { get; init; }

    public string? TokenFile { get; init; }

    public string? ClientCertificate { get; init; }

    /// <summary>Base64 of the PEM certificate, as written in the file.</summary>
    public string? ClientCertificateData { get; init; }

    public string? ClientKey { get; init; }

    /// <summary>Base64 of the PEM private key, as written in the file.</summary>
    public string? ClientKeyData { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public ExecPluginConfig? Exec { get; init; }

    public string? AuthProvider { get; init; }

    /// <summary>as, as-uid, as-groups, as-user-extra: whom every request acts as (Impersonate-* headers).</summary>
    public Impersonation Impersonate { get; init; } = Impersonation.None;
}

/// <summary>
/// A user's <c>exec</c> credential plugin (client-go's ExecConfig). <see cref="Command"/> is absolute when the
/// kubeconfig gave a path with a slash (resolved against the kubeconfig's folder), else a name looked up in PATH.
/// </summary>
internal sealed record ExecPluginConfig(string Command, string ApiVersion)
{
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Variables added to the plugin's environment, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    public string? InstallHint { get; init; }

    public bool ProvideClusterInfo { get; init; }

    /// <summary>Never, IfAvailable or Always; IfAvailable when the kubeconfig leaves it out.</summary>
    public string InteractiveMode { get; init; } = "IfAvailable";
}
