using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Childctl.History.Store;

namespace Childctl.History.Team;

/// <summary>
/// The team store's layout on the management cluster (docs/history.md, "Team history"). One series of ConfigMaps per
/// cluster name and namespace, in one namespace (<see cref="DefaultNamespace"/>); each ConfigMap is a chunk holding one
/// <c>data</c> key per event id, so appends by different operators commute. A chunk is appended to with a JSON patch
/// whose first operation tests the label <see cref="OpenLabel"/>: once a writer sees a chunk reach
/// <see cref="ChunkBytes"/> it seals it (open=false) and later appends go to the next chunk, so a chunk stays well
/// below the 1 MiB object limit whatever the number of concurrent writers.
/// </summary>
public static partial class TeamSeries
{
    public const string DefaultNamespace = "childctl-history";

    /// <summary>The ConfigMap every childctl looks for: team history is on when it exists with <c>enabled: "true"</c>.</summary>
    public const string MarkerName = "childctl-team";

    /// <summary>
    /// Chunks asked for per page when the store is read: about a MiB or less, so the events of one page are decoded
    /// while the next is on its way, instead of after a whole list of several MiB has arrived.
    /// </summary>
    public const int ChunksPerPage = 12;

    public const string KindLabel = "childctl.dev/history";
    public const string SeriesKind = "series";
    public const string MarkerKind = "marker";
    public const string NamespaceLabel = "childctl.dev/cluster-namespace";
    public const string NameLabel = "childctl.dev/cluster-name";
    public const string ChunkLabel = "childctl.dev/chunk";
    public const string OpenLabel = "childctl.dev/open";
    public const string UidLabelPrefix = "uid.childctl.dev/";
    public const string NameAnnotation = "childctl.dev/cluster-name";
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>
    /// A chunk is sealed once its data passes this size, a sixteenth of the 1 MiB limit, leaving room for appends in flight.
    /// Small on purpose: every append rewrites the whole object (the API server decodes it, applies the patch, recomputes
    /// managedFields and encodes it again, and etcd stores it whole), so an append costs in proportion to its chunk's size.
    /// </summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>The label value naming a cluster: the name itself, or (over 63 characters) a prefix and a hash of it.</summary>
    public static string NameValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length <= 63 ? name : $"{name[..54].TrimEnd('.', '-')}-{Hash(name, 8)}";
    }

    /// <summary>The selector of one cluster's series: what <c>kubectl get configmaps -n childctl-history -l …</c> takes too.</summary>
    public static string Selector(string ns, string name) => $"{KindLabel}={SeriesKind},{NamespaceLabel}={ns},{NameLabel}={NameValue(name)}";

    /// <summary>The selector of every series in one namespace (or, null, in all).</summary>
    public static string Selector(string? ns) => ns is null ? $"{KindLabel}={SeriesKind}" : $"{KindLabel}={SeriesKind},{NamespaceLabel}={ns}";

    /// <summary><c>&lt;namespace&gt;.&lt;name&gt;.&lt;chunk&gt;</c>, or with a hash for the name when that would pass 253 characters.</summary>
    public static string ChunkName(string ns, string name, int chunk)
    {
        var full = $"{ns}.{name}.{chunk}";
        return full.Length <= 253 ? full : $"{ns}.{Hash(name, 32)}.{chunk}";
    }

    /// <summary>A new chunk holding <paramref name="events"/>: labels for the selectors, the full name as an annotation.</summary>
    public static JsonObject NewChunk(string teamNamespace, string ns, string name, int chunk, IReadOnlyList<HistoryEvent> events)
    {
        var labels = new JsonObject
        {
            [ManagedBy] = "childctl",
            [KindLabel] = SeriesKind,
            [NamespaceLabel] = ns,
            [NameLabel] = NameValue(name),
            [ChunkLabel] = chunk.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [OpenLabel] = "true",
        };
        foreach (var uid in Uids(events))
        {
            labels[UidLabelPrefix + uid] = "true";
        }

        var data = new JsonObject();
        foreach (var e in events)
        {
            data[e.Id!] = TeamEventCodec.Encode(e);
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = ChunkName(ns, name, chunk),
                ["namespace"] = teamNamespace,
                ["labels"] = labels,
                ["annotations"] = new JsonObject { [NameAnnotation] = name },
            },
            ["data"] = data,
        };
    }

    /// <summary>
    /// The JSON patch that appends <paramref name="events"/> to an open chunk: test that it is open, add one key per event
    /// id (adding an id that is there already sets the same value: a no-op), and a label per uid.
    /// </summary>
    public static JsonArray Append(IReadOnlyList<HistoryEvent> events)
    {
        var ops = new JsonArray { (JsonNode)Op("test", "/metadata/labels/" + Escape(OpenLabel), "true") };
        foreach (var e in events)
        {
            ops.Add((JsonNode)Op("add", "/data/" + Escape(e.Id!), TeamEventCodec.Encode(e)));
        }

        foreach (var uid in Uids(events))
        {
            ops.Add((JsonNode)Op("add", "/metadata/labels/" + Escape(UidLabelPrefix + uid), "true"));
        }

        return ops;
    }

    /// <summary>The merge patch that seals a chunk: appends after it fail their test and go to the next chunk.</summary>
    public static JsonObject Seal() => new() { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [OpenLabel] = "false" } } };

    /// <summary>The size that counts against the object limit: the bytes of every data key and value.</summary>
    public static long DataBytes(JsonElement configMap)
    {
        long total = 0;
        if (configMap.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in data.EnumerateObject())
            {
                total += Encoding.UTF8.GetByteCount(p.Name) + (p.Value.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetByteCount(p.Value.GetString()!) : 0);
            }
        }

        return total;
    }

    /// <summary>A chunk's index and whether it is open, from its labels; null for an object that is not a chunk.</summary>
    public static (int Chunk, bool Open)? ChunkOf(JsonElement configMap)
    {
        if (!configMap.TryGetProperty("metadata", out var meta) || !meta.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var chunk = labels.TryGetProperty(ChunkLabel, out var c) && int.TryParse(c.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        return chunk is null ? null : (chunk.Value, labels.TryGetProperty(OpenLabel, out var o) && o.GetString() == "true");
    }

    /// <summary>The cluster (namespace, full name) a chunk belongs to, from its labels and annotation.</summary>
    public static (string Namespace, string Name)? SeriesOf(JsonElement configMap)
    {
        if (!configMap.TryGetProperty("metadata", out var meta))
        {
            return null;
        }

        var ns = meta.TryGetProperty("labels", out var labels) && labels.TryGetProperty(NamespaceLabel, out var n) ? n.GetString() : null;
        var name = meta.TryGetProperty("annotations", out var notes) && notes.TryGetProperty(NameAnnotation, out var a) ? a.GetString()
            : labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty(NameLabel, out var l) ? l.GetString() : null;
        return ns is null || name is null ? null : (ns, name);
    }

    /// <summary>Every event a chunk holds; values that are not events (edited by hand) are skipped.</summary>
    /// <summary>The events a chunk holds, in the order served; values that are not events are skipped.</summary>
    /// <param name="strings">Shares repeated short values between the chunks of one read (see <see cref="StringPool"/>).</param>
    public static List<HistoryEvent> EventsOf(JsonElement configMap, StringPool? strings = null)
    {
        var events = new List<HistoryEvent>();
        if (configMap.ValueKind != JsonValueKind.Object || !configMap.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return events;
        }

        var buffer = new PooledBytes();
        try
        {
            foreach (var p in data.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                // The value is itself JSON inside a JSON string: unescape its bytes once, without a string between.
                var raw = JsonMarshal.GetRawUtf8Value(p.Value);
                ReadOnlySpan<byte> json = raw[1..^1];
                if (json.IndexOf((byte)'\\') >= 0)
                {
                    var into = buffer.Span(raw.Length);
                    json = into[..Unescape(json, into)];
                }

                if (TeamEventCodec.TryDecode(p.Name, json, strings) is { } e)
                {
                    events.Add(e);
                }
            }
        }
        finally
        {
            buffer.Dispose();
        }

        return events;
    }

    /// <summary>
    /// The bytes a JSON string's content stands for, written to <paramref name="into"/> (at most as long as the content).
    /// The content comes from a parsed document, so it is known to be well-formed; this is only the decoding.
    /// </summary>
    internal static int Unescape(ReadOnlySpan<byte> content, Span<byte> into) =>
        JsonEscapes.TryUnescape(content, into, out var written) ? written : throw new FormatException("not the content of a JSON string");

    /// <summary>The uids of the events that can be a label key's name part (real uids always can).</summary>
    private static IEnumerable<string> Uids(IEnumerable<HistoryEvent> events) =>
        events.Select(e => e.Uid).OfType<string>().Where(u => LabelName().IsMatch(u)).Distinct(StringComparer.Ordinal);

    private static JsonObject Op(string op, string path, string value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };

    /// <summary>RFC 6901: '~' is '~0' and '/' is '~1' in a JSON pointer.</summary>
    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Hash(string text, int chars) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..chars];

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelName();
}
