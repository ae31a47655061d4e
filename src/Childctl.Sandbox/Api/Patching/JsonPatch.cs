using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;

namespace Childctl.Sandbox.Api.Patching;

/// <summary>
/// RFC 6902 JSON patch on JSON nodes: add, remove, replace, move, copy and test, applied in order to a copy;
/// any failing operation fails the whole patch. Written here rather than taken from
/// Microsoft.AspNetCore.JsonPatch.SystemTextJson, whose document and adapter model is built for MVC input models:
/// the store needs all-or-nothing application to a JSON node under its lock, with the apiserver's error texts.
/// </summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = new JsonObject { ["doc"] = document.DeepClone() };
        foreach (var op in operations)
        {
            if (op is not JsonObject o)
            {
                throw new JsonPatchException("each operation must be an object");
            }

            ApplyOne(root, o);
        }

        return root["doc"]!;
    }

    private static void ApplyOne(JsonObject root, JsonObject op)
    {
        var kind = Text(op, "op");
        var path = Text(op, "path");
        switch (kind)
        {
            case "add":
                Add(root, path, Value(op));
                break;
            case "remove":
                Remove(root, path);
                break;
            case "replace":
                Remove(root, path);
                Add(root, path, Value(op));
                break;
            case "move":
                var moved = Remove(root, Text(op, "from"));
                Add(root, path, moved);
                break;
            case "copy":
                Add(root, path, Get(root, Text(op, "from"))?.DeepClone());
                break;
            case "test":
                if (!JsonNode.DeepEquals(Get(root, path), Value(op)))
                {
                    throw new JsonPatchException($"testing value {path} failed");
                }

                break;
            default:
                throw new JsonPatchException($"Unexpected kind: {kind}");
        }
    }

    private static string Text(JsonObject op, string name) =>
        op[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw new JsonPatchException($"operation is missing \"{name}\"");

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var v) ? v?.DeepClone() : throw new JsonPatchException("operation is missing \"value\"");

    /// <summary>The parent container and the last token of a pointer (resolved below the synthetic "doc" root).</summary>
    private static (JsonNode Parent, string Token) Locate(JsonObject root, string pointer)
    {
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            throw new JsonPatchException($"invalid path: {pointer}");
        }

        var tokens = new List<string> { "doc" };
        tokens.AddRange(pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));
        JsonNode current = root;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            current = Child(current, token) ?? throw new JsonPatchException($"doc is missing path: {pointer}");
        }

        return (current, tokens[^1]);
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject o => o[token],
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string pointer)
    {
        var (parent, token) = Locate(root, pointer);
        return parent is JsonObject o && !o.ContainsKey(token) ? throw new JsonPatchException($"doc is missing path: {pointer}") : Child(parent, token);
    }

    private static void Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, token) = Locate(root, pointer);
        switch (parent)
        {
            case JsonObject o:
                o.Remove(token);
                o[token] = value;
                break;
            case JsonArray a when token == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new JsonPatchException($"doc is missing path: {pointer}");
        }
    }

    private static JsonNode? Remove(JsonObject root, string pointer)
    {
        var (parent, token) = Locate(root, pointer);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(token):
                var value = o[token];
                o.Remove(token);
                return value;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default:
                throw new JsonPatchException($"doc is missing path: {pointer}");
        }
    }
}

/// <summary>A JSON patch that cannot be applied (a failed test, a missing path...).</summary>
internal sealed class JsonPatchException : Exception
{
    public JsonPatchException()
    {
    }

    public JsonPatchException(string message)
        : base(message)
    {
    }

    public JsonPatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
