using Childctl.Core.Errors;
using Childctl.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>
/// The YAML side of <c>kubeconfig NAME --merge</c> and <c>--forget</c>: a child cluster becomes one context named after
/// the cluster, with a cluster entry of the same name and a user <c>NAME-admin</c>, each marked by an extension
/// (<see cref="Marker"/>: management cluster, namespace, ClusterDeployment) so that <c>--forget</c> removes only what a
/// merge added and <c>delete</c> can say which contexts point at a deleted cluster. Kubeconfigs are edited as YAML trees,
/// not through a typed model that would drop fields it does not know; current-context changes only when asked.
/// </summary>
internal static class KubeconfigMerger
{
    /// <summary>The name of the extension on each entry a merge added; the kubeconfig reader knows it too.</summary>
    public const string Marker = MergedContext.Marker;

    /// <summary>Which cluster a merged entry is for.</summary>
    public sealed record Origin(string ManagementCluster, string Namespace, string Name);

    /// <summary>The three entries a merge of <paramref name="childText"/> writes: (list, entry name, key, body with the marker).</summary>
    public static IReadOnlyList<(string List, string Name, string Key, YamlMappingNode Body)> Entries(string childText, string contextName, Origin origin)
    {
        ArgumentException.ThrowIfNullOrEmpty(contextName);
        ArgumentNullException.ThrowIfNull(origin);
        var (cluster, user) = ChildEntries(Load(childText, "the cluster's kubeconfig Secret"));
        var userName = contextName + "-admin";
        var context = new YamlMappingNode { { "cluster", contextName }, { "user", userName } };
        return
        [
            ("clusters", contextName, "cluster", Marked(cluster, origin)),
            ("users", userName, "user", Marked(user, origin)),
            ("contexts", contextName, "context", Marked(context, origin)),
        ];
    }

    /// <summary>The entry of <paramref name="list"/> named <paramref name="name"/>, or null.</summary>
    public static YamlMappingNode? Find(YamlMappingNode? root, string list, string name) =>
        root is null ? null : Sequence(root, list, create: false)?.OfType<YamlMappingNode>().FirstOrDefault(e => Scalar(e, "name") == name);

    /// <summary>Whether a merge added this entry (its body carries the marker).</summary>
    public static bool IsMerged(YamlMappingNode entry, string key) => OriginOf(entry, key) is not null;

    /// <summary>The marker's origin of a merged entry, or null for any other entry.</summary>
    public static Origin? OriginOf(YamlMappingNode entry, string key)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var body = Child(entry, key);
        var marker = body is null ? null : Sequence(body, "extensions", create: false)?.OfType<YamlMappingNode>().FirstOrDefault(e => Scalar(e, "name") == Marker);
        return marker is not null && Child(marker, "extension") is { } ext && Scalar(ext, "management-cluster") is { } mc
               && Scalar(ext, "namespace") is { } ns && Scalar(ext, "cluster-deployment") is { } name
            ? new Origin(mc, ns, name)
            : null;
    }

    /// <summary>Adds the entry, or replaces the one of that name in place.</summary>
    public static void Upsert(YamlMappingNode root, string list, string name, string key, YamlMappingNode body)
    {
        ArgumentNullException.ThrowIfNull(root);
        var entries = Sequence(root, list, create: true)!;
        var entry = new YamlMappingNode { { "name", name }, { key, body } };
        var index = entries.Children.ToList().FindIndex(e => e is YamlMappingNode m && Scalar(m, "name") == name);
        if (index >= 0)
        {
            entries.Children[index] = entry;
        }
        else
        {
            entries.Add(entry);
        }
    }

    /// <summary>Removes the entry of that name if a merge added it; returns whether it did.</summary>
    public static bool RemoveMerged(YamlMappingNode root, string list, string name, string key)
    {
        ArgumentNullException.ThrowIfNull(root);
        var entries = Sequence(root, list, create: false);
        var entry = Find(root, list, name);
        return entries is not null && entry is not null && IsMerged(entry, key) && entries.Children.Remove(entry);
    }

    /// <summary>The current-context of a kubeconfig, or null when it has none.</summary>
    public static string? CurrentContext(YamlMappingNode? root) => root is null ? null : Scalar(root, "current-context") is { Length: > 0 } c ? c : null;

    public static void SetCurrentContext(YamlMappingNode root, string name)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Children[new YamlScalarNode("current-context")] = new YamlScalarNode(name);
    }

    private static YamlMappingNode Marked(YamlNode body, Origin origin)
    {
        var copy = new YamlMappingNode();
        if (body is YamlMappingNode map)
        {
            foreach (var (k, v) in map.Children.Where(c => c.Key is not YamlScalarNode { Value: "extensions" }))
            {
                copy.Add(k, v);
            }
        }

        var extensions = new YamlSequenceNode(
            (body is YamlMappingNode m ? Sequence(m, "extensions", create: false)?.OfType<YamlMappingNode>().Where(e => Scalar(e, "name") != Marker) : null) ?? []);
        extensions.Add(new YamlMappingNode
        {
            { "name", Marker },
            { "extension", new YamlMappingNode { { "management-cluster", origin.ManagementCluster }, { "namespace", origin.Namespace }, { "cluster-deployment", origin.Name } } },
        });
        copy.Add("extensions", extensions);
        return copy;
    }

    private static YamlMappingNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    /// <summary>The cluster and user bodies of the child's current context (or its only one).</summary>
    private static (YamlNode Cluster, YamlNode User) ChildEntries(YamlMappingNode child)
    {
        var contexts = Sequence(child, "contexts", create: false) ?? new YamlSequenceNode();
        var currentName = Scalar(child, "current-context");
        var context = contexts.OfType<YamlMappingNode>().FirstOrDefault(c => Scalar(c, "name") == currentName)
            ?? contexts.OfType<YamlMappingNode>().FirstOrDefault()
            ?? throw Invalid("it has no contexts");
        var details = context.Children.TryGetValue(new YamlScalarNode("context"), out var d) && d is YamlMappingNode m
            ? m
            : throw Invalid("its context has no details");
        return (Body(child, "clusters", Scalar(details, "cluster"), "cluster"), Body(child, "users", Scalar(details, "user"), "user"));
    }

    private static YamlNode Body(YamlMappingNode root, string list, string? name, string key)
    {
        var entry = Find(root, list, name ?? string.Empty) ?? throw Invalid($"it has no {key} named \"{name}\"");
        return entry.Children.TryGetValue(new YamlScalarNode(key), out var body) ? body : throw Invalid($"its {key} \"{name}\" is empty");
    }

    private static YamlSequenceNode? Sequence(YamlMappingNode root, string key, bool create)
    {
        if (root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        if (!create)
        {
            return null;
        }

        var created = new YamlSequenceNode();
        root.Children[new YamlScalarNode(key)] = created;
        return created;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlMappingNode NewConfig() => new()
    {
        { "apiVersion", "v1" },
        { "kind", "Config" },
        { "clusters", new YamlSequenceNode() },
        { "users", new YamlSequenceNode() },
        { "contexts", new YamlSequenceNode() },
    };

    public static YamlMappingNode Load(string text, string what)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
                ? root
                : throw new ChildctlException(ErrorKind.InvalidInput, $"{what} is not a kubeconfig (no YAML mapping)");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ChildctlException(ErrorKind.InvalidInput, $"{what} is not valid YAML: {e.Message}");
        }
    }

    public static string Save(YamlMappingNode root)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static ChildctlException Invalid(string why) =>
        new(ErrorKind.General, $"the cluster's kubeconfig Secret is not usable: {why}");
}
