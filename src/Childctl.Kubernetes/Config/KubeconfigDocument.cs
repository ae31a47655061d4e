using Childctl.Kubernetes.Transport;
using YamlDotNet.RepresentationModel;

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

/// <summary>
/// Reads one kubeconfig file into a <see cref="KubeconfigDocument"/>, walking YamlDotNet's node tree by hand: no
/// reflection and no serializer to build, so loading costs little at start-up (it used to go through the client's
/// <c>LoadKubeConfig</c>). Relative file paths are resolved against the file's folder, as kubectl does; fields
/// childctl does not use are ignored. Throws <see cref="InvalidDataException"/> or YamlDotNet's exceptions on a
/// malformed file; the caller names the file.
/// </summary>
internal static class KubeconfigReader
{
    public static KubeconfigDocument Read(string path)
    {
        var full = Path.GetFullPath(path);
        var yaml = new YamlStream();
        using (var reader = new StreamReader(full))
        {
            yaml.Load(reader);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode scalar && IsNull(scalar))
        {
            return new KubeconfigDocument(null, [], [], []);
        }

        var root = yaml.Documents[0].RootNode as YamlMappingNode
            ?? throw new InvalidDataException("the top level is not a mapping of kubeconfig fields");
        var folder = Path.GetDirectoryName(full) ?? Directory.GetCurrentDirectory();
        return new KubeconfigDocument(
            Text(root, "current-context"),
            Entries(root, "contexts", "context", (name, body) => Context(name, body, full)),
            Entries(root, "clusters", "cluster", (name, body) => Cluster(name, body, full, folder)),
            Entries(root, "users", "user", (name, body) => User(name, body, full, folder)));
    }

    private static KubeconfigContext Context(string name, YamlMappingNode? body, string file) =>
        new(name, Text(body, "cluster"), Text(body, "user"), Text(body, "namespace")) { SourceFile = file, MergedFrom = Marker(body) };

    /// <summary>The <see cref="MergedContext.Marker"/> extension among the entry's extensions, when it names all three parts.</summary>
    private static MergeMarker? Marker(YamlMappingNode? body)
    {
        var marker = Items(body, "extensions").OfType<YamlMappingNode>().FirstOrDefault(e => Text(e, "name") == MergedContext.Marker);
        return Child(marker, "extension") is { } ext && Text(ext, "management-cluster") is { } mc && Text(ext, "namespace") is { } ns
               && Text(ext, "cluster-deployment") is { } name
            ? new MergeMarker(mc, ns, name)
            : null;
    }

    private static KubeconfigCluster Cluster(string name, YamlMappingNode? body, string file, string folder) => new(name, file)
    {
        Server = Text(body, "server"),
        CertificateAuthority = FilePath(folder, Text(body, "certificate-authority")),
        CertificateAuthorityData = Text(body, "certificate-authority-data"),
        InsecureSkipTlsVerify = Flag(body, "insecure-skip-tls-verify"),
        TlsServerName = Text(body, "tls-server-name"),
        ProxyUrl = Text(body, "proxy-url"),
        DisableCompression = Flag(body, "disable-compression"),
    };

    private static KubeconfigUser User(string name, YamlMappingNode? body, string file, string folder) => new(name, file)
    {
        Token = Text(body, "token"),
        TokenFile = FilePath(folder, Text(body, "tokenFile")),
        ClientCertificate = FilePath(folder, Text(body, "client-certificate")),
        ClientCertificateData = Text(body, "client-certificate-data"),
        ClientKey = FilePath(folder, Text(body, "client-key")),
        ClientKeyData = Text(body, "client-key-data"),
        Username = Text(body, "username"),
        Password = Text(body, "password"),
        Exec = Child(body, "exec") is { } exec ? Exec(exec, folder) : null,
        AuthProvider = Child(body, "auth-provider") is { } provider ? Text(provider, "name") ?? "unnamed" : null,
        Impersonate = new Impersonation(
            Text(body, "as"),
            Items(body, "as-groups").OfType<YamlScalarNode>().Select(g => g.Value ?? string.Empty).ToList(),
            Text(body, "as-uid"),
            Extra(Child(body, "as-user-extra"))),
    };

    /// <summary>as-user-extra: a map of keys to lists of values (a single scalar is taken as a one-value list).</summary>
    private static Dictionary<string, IReadOnlyList<string>> Extra(YamlMappingNode? map) =>
        map is null ? [] : map.Children
            .Where(e => e.Key is YamlScalarNode { Value.Length: > 0 })
            .ToDictionary(
                e => ((YamlScalarNode)e.Key).Value!,
                e => (IReadOnlyList<string>)(e.Value switch
                {
                    YamlSequenceNode values => values.Children.OfType<YamlScalarNode>().Select(v => v.Value ?? string.Empty).ToList(),
                    YamlScalarNode one when !IsNull(one) => [one.Value ?? string.Empty],
                    _ => [],
                }),
                StringComparer.Ordinal);

    private static ExecPluginConfig Exec(YamlMappingNode exec, string folder)
    {
        var command = Text(exec, "command") ?? string.Empty;
        return new ExecPluginConfig(command.Contains('/', StringComparison.Ordinal) ? FilePath(folder, command)! : command, Text(exec, "apiVersion") ?? string.Empty)
        {
            Args = Items(exec, "args").OfType<YamlScalarNode>().Select(a => a.Value ?? string.Empty).ToList(),
            Env = Items(exec, "env").OfType<YamlMappingNode>()
                .Select(e => new KeyValuePair<string, string>(Text(e, "name") ?? string.Empty, Text(e, "value") ?? string.Empty))
                .ToList(),
            InstallHint = Text(exec, "installHint"),
            ProvideClusterInfo = Flag(exec, "provideClusterInfo"),
            InteractiveMode = Text(exec, "interactiveMode") ?? "IfAvailable",
        };
    }

    /// <summary>A list of <c>{name: ..., KEY: {...}}</c> entries, e.g. <c>clusters: [{name: a, cluster: {...}}]</c>.</summary>
    private static List<T> Entries<T>(YamlMappingNode root, string list, string key, Func<string, YamlMappingNode?, T> read) =>
        Items(root, list).OfType<YamlMappingNode>()
            .Select(entry => (Name: Text(entry, "name"), Body: Child(entry, key)))
            .Where(entry => !string.IsNullOrEmpty(entry.Name))
            .Select(entry => read(entry.Name!, entry.Body))
            .ToList();

    private static IEnumerable<YamlNode> Items(YamlMappingNode? map, string key) =>
        Node(map, key) is YamlSequenceNode sequence ? sequence.Children : [];

    private static YamlMappingNode? Child(YamlMappingNode? map, string key) => Node(map, key) as YamlMappingNode;

    private static YamlNode? Node(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Text(YamlMappingNode? map, string key) =>
        Node(map, key) is YamlScalarNode scalar && !IsNull(scalar) ? scalar.Value : null;

    private static bool Flag(YamlMappingNode? map, string key) =>
        Text(map, key) is { } value && (bool.TryParse(value, out var flag)
            ? flag
            : throw new InvalidDataException($"\"{key}\" must be true or false, not \"{value}\""));

    private static bool IsNull(YamlScalarNode scalar) =>
        string.IsNullOrEmpty(scalar.Value)
        || scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL";

    private static string? FilePath(string folder, string? path) =>
        string.IsNullOrEmpty(path) ? null : Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(folder, path));
}
