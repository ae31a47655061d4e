using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.OpenApi;

/// <summary>
/// Encodes an OpenAPI v2 document as the protobuf kubectl asks for
/// (Accept <c>application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c>, the deprecated spelling, or the current
/// one with <c>.v1.0</c>, which is also what the answer is labelled: gnostic's openapi_v2.Document). Only what a
/// schema document uses is encoded: swagger, info, paths (empty) and definitions; vendor extensions, defaults and
/// enum values travel as YAML text (JSON is YAML), as gnostic carries them.
/// </summary>
internal static class GnosticProto
{
    public const string MediaType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
    public const string DeprecatedMediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    public static byte[] Encode(JsonObject document)
    {
        var doc = new ProtoWriter().String(1, Text(document["swagger"]));
        if (document["info"] is JsonObject info)
        {
            doc.Message(2, new ProtoWriter().String(1, Text(info["title"])).String(2, Text(info["version"])));
        }

        doc.Message(8, new ProtoWriter());
        var definitions = new ProtoWriter();
        foreach (var (name, schema) in (document["definitions"] as JsonObject) ?? [])
        {
            definitions.Message(1, Named(name, Schema((JsonObject)schema!)));
        }

        return doc.Message(9, definitions).ToArray();
    }

    /// <summary>openapi_v2.Schema, by its field numbers.</summary>
    private static ProtoWriter Schema(JsonObject s)
    {
        var w = new ProtoWriter();
        w.String(1, Text(s["$ref"])).String(2, Text(s["format"])).String(3, Text(s["title"])).String(4, Text(s["description"]));
        if (s["default"] is { } def)
        {
            w.Message(5, AnyOf(def));
        }

        Number(w, 7, s["maximum"]);
        Number(w, 9, s["minimum"]);
        Integer(w, 11, s["maxLength"]);
        Integer(w, 12, s["minLength"]);
        w.String(13, Text(s["pattern"]));
        Integer(w, 14, s["maxItems"]);
        Integer(w, 15, s["minItems"]);
        foreach (var name in Strings(s["required"]))
        {
            w.String(19, name);
        }

        foreach (var value in (s["enum"] as JsonArray) ?? [])
        {
            w.Message(20, AnyOf(value));
        }

        switch (s["additionalProperties"])
        {
            case JsonObject additional:
                w.Message(21, new ProtoWriter().Message(1, Schema(additional)));
                break;
            case JsonValue b when b.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                w.Message(21, new ProtoWriter().Bool(2, b.GetValueKind() == JsonValueKind.True));
                break;
        }

        if (Text(s["type"]) is { Length: > 0 } type)
        {
            w.Message(22, new ProtoWriter().String(1, type));
        }

        if (s["items"] is JsonObject items)
        {
            w.Message(23, new ProtoWriter().Message(1, Schema(items)));
        }

        if (s["properties"] is JsonObject properties)
        {
            var props = new ProtoWriter();
            foreach (var (name, child) in properties)
            {
                props.Message(1, Named(name, Schema((JsonObject)child!)));
            }

            w.Message(25, props);
        }

        foreach (var (name, value) in s.Where(p => p.Key.StartsWith("x-", StringComparison.Ordinal)))
        {
            w.Message(31, new ProtoWriter().String(1, name).Message(2, AnyOf(value)));
        }

        return w;
    }

    private static ProtoWriter Named(string name, ProtoWriter value) => new ProtoWriter().String(1, name).Message(2, value);

    /// <summary>openapi_v2.Any: the value as YAML text (field 2).</summary>
    private static ProtoWriter AnyOf(JsonNode? value)
    {
        var text = value is null ? "null" : JsonSerializer.Serialize(value, StoreJsonContext.Wire.JsonNode);
        return new ProtoWriter().String(2, text + "\n");
    }

    private static void Number(ProtoWriter w, int field, JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue<double>(out var d))
        {
            w.Double(field, d);
        }
    }

    private static void Integer(ProtoWriter w, int field, JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue<long>(out var n))
        {
            w.Int64(field, n);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(Text).OfType<string>() ?? [];
}
