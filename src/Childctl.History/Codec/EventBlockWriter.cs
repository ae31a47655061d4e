using System.Buffers;
using System.Text;
using Childctl.History.Store;

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

/// <summary>
/// The shape of the lines <see cref="EventBlockWriter"/> writes, read without parsing YAML: the <c>events:</c> line, an
/// item's first line (<c>- timestamp: ...</c>), its <c>key: value</c> lines two columns further, and the terminator
/// (<c>source: ...</c>). <see cref="TailInspector"/> uses it to tell a torn append from a hand edit, and the store's fast
/// append path to trust what other childctl processes appended without parsing the file again.
/// </summary>
internal static class BlockShape
{
    private static readonly SearchValues<byte> KeyChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_"u8);

    /// <summary>
    /// True when <paramref name="region"/> can be what an interrupted append left: zero bytes (a power loss), or the
    /// start of one event block as <see cref="EventBlockWriter"/> writes it (<c>- timestamp:</c> at some indent, then
    /// <c>key: value</c> lines two columns further), cut at any byte and perhaps followed by zero bytes. A second
    /// YAML document, a top-level key or a comment is not: such a file is corrupt, not torn.
    /// </summary>
    internal static bool LooksTorn(ReadOnlySpan<byte> region)
    {
        var text = region.TrimEnd((byte)0);
        if (text.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var itemIndent = -1;
        foreach (var range in text.Split((byte)'\n'))
        {
            var complete = range.End.Value < text.Length;
            var line = complete ? text[range].TrimEnd((byte)'\r') : text[range];
            if (!FitsTornBlock(line, complete, ref itemIndent))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One line of a cut block: the first sets the item indent; spaces alone only at the cut.</summary>
    private static bool FitsTornBlock(ReadOnlySpan<byte> line, bool complete, ref int itemIndent)
    {
        var indent = line.IndexOfAnyExcept((byte)' ');
        if (indent < 0)
        {
            return !complete || line.Length == 0; // the start of a first line, or nothing after the last newline
        }

        var rest = line[indent..];
        if (itemIndent < 0)
        {
            itemIndent = indent;
            return complete ? rest.StartsWith("- timestamp: "u8) : "- timestamp: "u8.StartsWith(rest) || rest.StartsWith("- timestamp: "u8);
        }

        return indent == itemIndent + 2 && IsFieldLine(rest, complete);
    }

    /// <summary>
    /// True when <paramref name="bytes"/> are whole event blocks as childctl writes them at <paramref name="itemIndent"/>
    /// (what other childctl processes append), ending with a terminator line: the fast path of an append trusts such
    /// bytes without parsing the file again, and parses it whole for anything else.
    /// </summary>
    internal static bool IsOwnBlocks(ReadOnlySpan<byte> bytes, int itemIndent)
    {
        if (bytes.Length == 0 || bytes[^1] != (byte)'\n' || bytes.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var body = bytes[..^1];
        var first = true;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].TrimEnd((byte)'\r');
            var indent = line.IndexOfAnyExcept((byte)' ');
            var rest = indent < 0 ? line : line[indent..];
            var ok = (indent == itemIndent && rest.StartsWith("- timestamp: "u8)) || (!first && indent == itemIndent + 2 && IsFieldLine(rest, complete: true));
            if (!ok)
            {
                return false;
            }

            first = false;
        }

        return IsTerminator(body[(body.LastIndexOf((byte)'\n') + 1)..].TrimEnd((byte)'\r'));
    }

    internal static bool IsTerminator(ReadOnlySpan<byte> line)
    {
        var indent = line.IndexOfAnyExcept((byte)' ');
        return indent >= 2 && line[indent..].StartsWith("source: "u8) && line.Length > indent + 8 && line[indent + 8] != (byte)' ';
    }

    /// <summary>The <c>events:</c> line that opens a block list (a comment or CR may follow; a BOM may precede).</summary>
    internal static bool IsEventsKey(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        if (!line.StartsWith("events:"u8))
        {
            return false;
        }

        var rest = line[7..].TrimEnd((byte)'\r').Trim((byte)' ');
        return rest.Length == 0 || rest[0] == (byte)'#';
    }

    private static bool IsFieldLine(ReadOnlySpan<byte> rest, bool complete)
    {
        var key = rest.IndexOfAnyExcept(KeyChars);
        if (key < 0)
        {
            return !complete; // a key cut short
        }

        var after = rest[key..];
        return key > 0 && (complete ? after.StartsWith(": "u8) && after.Length > 2 : ": "u8.StartsWith(after) || after.StartsWith(": "u8));
    }
}
