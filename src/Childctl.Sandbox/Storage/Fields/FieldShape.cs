using System.Text.Json;

namespace Childctl.Sandbox.Storage.Fields;

/// <summary>
/// What structured-merge-diff needs to know about a schema node: whether a list is a map (with its keys), a set or
/// atomic, whether a map is atomic, and the shape of children. Read from a CRD's structural schema; without one
/// ("deduced"), maps are granular and lists atomic, as upstream treats unknown fields.
/// </summary>
internal readonly record struct FieldShape(JsonElement? Schema)
{
    public static readonly FieldShape Deduced = new(null);

    private static readonly JsonElement MetadataShape = JsonDocument.Parse("""
        {"properties":{
          "finalizers":{"x-kubernetes-list-type":"set"},
          "ownerReferences":{"x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["uid"],"items":{"x-kubernetes-map-type":"atomic"}}}}
        """).RootElement.Clone();

    public static FieldShape Metadata => new(MetadataShape);

    public string ListType => Keyword("x-kubernetes-list-type") ?? "atomic";

    public bool AtomicMap => Keyword("x-kubernetes-map-type") is "atomic";

    public IReadOnlyList<string> MapKeys =>
        Schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("x-kubernetes-list-map-keys", out var keys) && keys.ValueKind == JsonValueKind.Array
            ? keys.EnumerateArray().Select(k => k.GetString() ?? "").ToList()
            : [];

    public FieldShape Child(string name)
    {
        if (Schema is not { ValueKind: JsonValueKind.Object } s)
        {
            return Deduced;
        }

        if (s.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object && props.TryGetProperty(name, out var child))
        {
            return new FieldShape(child);
        }

        return s.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object ? new FieldShape(additional) : Deduced;
    }

    public FieldShape Items =>
        Schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object ? new FieldShape(items) : Deduced;

    private string? Keyword(string name) =>
        Schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
