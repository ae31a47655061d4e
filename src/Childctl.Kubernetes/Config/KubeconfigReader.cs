using Childctl.Kubernetes.Identity;
using YamlDotNet.RepresentationModel;

namespace Childctl.Kubernetes.Config;

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
