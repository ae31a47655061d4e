using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Definitions;

/// <summary>Conversions between mutable nodes and immutable, thread-safe elements.</summary>
internal static class JsonElements
{
    public static JsonElement From(JsonNode node)
    {
        var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(node, StoreJsonContext.Wire.JsonNode));
        return JsonElement.ParseValue(ref reader);
    }

    public static JsonNode? ToNode(JsonElement element) => JsonNode.Parse(element.GetRawText());

    public static string? String(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement? Child(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static IReadOnlyList<string> Strings(JsonElement obj, string name) =>
        Child(obj, name) is { ValueKind: JsonValueKind.Array } a
            ? a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
}
