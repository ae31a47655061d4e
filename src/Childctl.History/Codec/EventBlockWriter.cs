using System.Text;
using Childctl.History.Events;

namespace Childctl.History.Codec;

/// <summary>
/// Writes history YAML in the users' format: a header once, then each event as one list-item block, one
/// line per field, fields in a fixed order, ending with its <c>source:</c> line and a newline. That last
/// line is the block's terminator: a block without it was cut short by a crash.
/// </summary>
public static class EventBlockWriter
{
    /// <summary>Indent of <c>- </c> in files childctl creates; the keys sit two columns further.</summary>
    public const int DefaultItemIndent = 2;

    public const string TerminatorKey = "source";

    public static string Header(HistoryHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = new StringBuilder();
        text.Append("# childctl history: local, append-only log of what happened to this cluster. Not live state.\n");
        AppendTop(text, "cluster_name", header.ClusterName);
        AppendTop(text, "namespace", header.Namespace);
        AppendTop(text, "created_at", header.CreatedAt);
        AppendTop(text, "last_updated", header.LastUpdated);
        text.Append("events:\n");
        return text.ToString();
    }

    public static string Block(HistoryEvent e, int itemIndent = DefaultItemIndent)
    {
        ArgumentNullException.ThrowIfNull(e);
        var first = new string(' ', itemIndent) + "- ";
        var rest = new string(' ', itemIndent + 2);
        var lines = new List<string>(16) { $"timestamp: {YamlScalars.FormatTimestamp(e.Timestamp)}" };
        Add(lines, "id", e.Id);
        Add(lines, "action", e.Action);
        Add(lines, "user", e.User);
        Add(lines, "k8s_user", e.K8sUser);
        Add(lines, "k8s_real_user", e.K8sRealUser);
        Add(lines, "uid", e.Uid);
        if (e.ManagementCluster is { } mc)
        {
            lines.Add($"management_cluster: {FlowMap([new("name", mc.Name), new("server", mc.Server)])}");
        }

        Add(lines, "operation", e.Operation);
        if (e.Parameters is { Count: > 0 } parameters)
        {
            lines.Add($"parameters: {FlowMap(parameters)}");
        }

        Add(lines, "command", e.Command);
        Add(lines, "reason", e.Reason);
        Add(lines, "message", e.Message);
        Add(lines, "result", e.Result);
        Add(lines, "error", e.Error);
        if (e.Flags is { Count: > 0 } flags)
        {
            lines.Add($"flags: [{string.Join(", ", flags.Select(YamlScalars.Format))}]");
        }

        lines.Add($"{TerminatorKey}: {YamlScalars.Format(e.Source ?? EventSources.Childctl)}");
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(i == 0 ? first : rest).Append(lines[i]).Append('\n');
        }

        return text.ToString();
    }

    private static void Add(List<string> lines, string key, string? value)
    {
        if (value is not null)
        {
            lines.Add($"{key}: {YamlScalars.Format(value)}");
        }
    }

    private static void AppendTop(StringBuilder text, string key, string? value)
    {
        if (value is not null)
        {
            text.Append(key).Append(": ").Append(YamlScalars.Format(value)).Append('\n');
        }
    }

    private static string FlowMap(IEnumerable<KeyValuePair<string, string?>> pairs) =>
        "{" + string.Join(", ", pairs.Where(p => p.Value is not null).Select(p => $"{YamlScalars.Format(p.Key)}: {YamlScalars.Format(p.Value!)}")) + "}";

    private static string FlowMap(IReadOnlyDictionary<string, string> pairs) =>
        FlowMap(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
}
