using Childctl.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>
/// Merges a child cluster's kubeconfig into an existing kubeconfig as one context named after the cluster
/// (with a cluster entry of the same name and a user <c>NAME-admin</c>), adding or replacing only those three
/// entries. Everything else in the target (other entries, current-context, preferences, extensions) is kept:
/// the file is edited as a YAML tree, not through a typed model that would drop fields it does not know.
/// The current context changes only when the target had none.
/// </summary>
internal static class KubeconfigMerger
{
    public static string Merge(string? targetText, string childText, string contextName)
    {
        ArgumentException.ThrowIfNullOrEmpty(contextName);
        var child = Load(childText, "the cluster's kubeconfig Secret");
        var (cluster, user) = ChildEntries(child);
        var target = string.IsNullOrWhiteSpace(targetText) ? NewConfig() : Load(targetText, "the target kubeconfig");
        var userName = contextName + "-admin";
        Upsert(target, "clusters", contextName, "cluster", cluster);
        Upsert(target, "users", userName, "user", user);
        Upsert(target, "contexts", contextName, "context", new YamlMappingNode
        {
            { "cluster", contextName },
            { "user", userName },
        });
        if (!target.Children.TryGetValue(new YamlScalarNode("current-context"), out var current)
            || current is not YamlScalarNode { Value.Length: > 0 })
        {
            target.Children[new YamlScalarNode("current-context")] = new YamlScalarNode(contextName);
        }

        return Save(target);
    }

    /// <summary>Whether the target kubeconfig already has a context of this name (a merge then replaces it).</summary>
    public static bool HasContext(string? targetText, string contextName) =>
        !string.IsNullOrWhiteSpace(targetText)
        && Sequence(Load(targetText, "the target kubeconfig"), "contexts").OfType<YamlMappingNode>().Any(c => Scalar(c, "name") == contextName);

    /// <summary>The cluster and user bodies of the child's current context (or its only one).</summary>
    private static (YamlNode Cluster, YamlNode User) ChildEntries(YamlMappingNode child)
    {
        var contexts = Sequence(child, "contexts");
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
        var entry = Sequence(root, list).OfType<YamlMappingNode>().FirstOrDefault(e => Scalar(e, "name") == name)
            ?? throw Invalid($"it has no {key} named \"{name}\"");
        return entry.Children.TryGetValue(new YamlScalarNode(key), out var body) ? body : throw Invalid($"its {key} \"{name}\" is empty");
    }

    private static void Upsert(YamlMappingNode root, string list, string name, string key, YamlNode body)
    {
        var entries = Sequence(root, list);
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

    private static YamlSequenceNode Sequence(YamlMappingNode root, string key)
    {
        if (root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        var created = new YamlSequenceNode();
        root.Children[new YamlScalarNode(key)] = created;
        return created;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static YamlMappingNode NewConfig() => new()
    {
        { "apiVersion", "v1" },
        { "kind", "Config" },
        { "clusters", new YamlSequenceNode() },
        { "users", new YamlSequenceNode() },
        { "contexts", new YamlSequenceNode() },
    };

    private static YamlMappingNode Load(string text, string what)
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

    private static string Save(YamlMappingNode root)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static ChildctlException Invalid(string why) =>
        new(ErrorKind.General, $"the cluster's kubeconfig Secret is not usable: {why}");
}
