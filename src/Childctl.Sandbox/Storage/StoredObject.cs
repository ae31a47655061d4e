using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

/// <summary>
/// One immutable version of a stored object: its serialized JSON (written once, then copied straight into
/// list and watch answers) and a parsed read-only view for selectors, tables and field lookups.
/// Never mutated after construction, so it is shared freely between threads, watches and the change log.
/// </summary>
internal sealed class StoredObject
{
    private static readonly Dictionary<string, string> NoLabels = [];

    public StoredObject(ResourceType type, JsonObject node)
    {
        Type = type;
        Json = JsonSerializer.SerializeToUtf8Bytes(node, StoreJsonContext.Wire.JsonObject);
        var reader = new Utf8JsonReader(Json);
        Root = JsonElement.ParseValue(ref reader);
        var meta = Root.GetProperty("metadata");
        Name = ReadString(meta, "name");
        Namespace = ReadString(meta, "namespace");
        Uid = ReadString(meta, "uid");
        _ = long.TryParse(ReadString(meta, "resourceVersion"), out var rv);
        ResourceVersion = rv;
        Labels = ReadLabels(meta);
    }

    public ResourceType Type { get; }

    /// <summary>The object as UTF-8 JSON; do not modify.</summary>
    public byte[] Json { get; }

    public JsonElement Root { get; }

    public string Name { get; }

    /// <summary>The namespace, or "" for cluster-scoped objects.</summary>
    public string Namespace { get; }

    public string Uid { get; }

    public long ResourceVersion { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public JsonElement Metadata => Root.GetProperty("metadata");

    /// <summary>A fresh mutable copy owned by the caller.</summary>
    public JsonObject ToNode() => JsonNode.Parse(Json)!.AsObject();

    private static string ReadString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static Dictionary<string, string> ReadLabels(JsonElement meta)
    {
        if (!meta.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
        {
            return NoLabels;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in labels.EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        }

        return result;
    }
}
