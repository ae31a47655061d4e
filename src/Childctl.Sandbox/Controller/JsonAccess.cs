using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>Null-tolerant reads and writes on <see cref="JsonObject"/> Kubernetes objects.</summary>
internal static class JsonAccess
{
    public static JsonNode? At(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
        {
            node = node is JsonObject o ? o[key] : null;
        }

        return node;
    }

    public static string? String(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool Bool(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static long? Long(JsonNode? node, params ReadOnlySpan<string> path) => Integer(At(node, path));

    /// <summary>
    /// A JSON integer, whether the node was parsed (it holds a JsonElement) or built in code from an int,
    /// where <c>TryGetValue&lt;long&gt;</c> alone would fail.
    /// </summary>
    public static long? Integer(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var n))
        {
            return n;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return long.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out n) ? n : null;
    }

    /// <summary>The object at <paramref name="key"/>, created when absent.</summary>
    public static JsonObject Child(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject child)
        {
            return child;
        }

        child = [];
        parent[key] = child;
        return child;
    }

    public static JsonObject Metadata(JsonObject obj) => Child(obj, "metadata");

    public static string Name(JsonObject obj) => String(obj, "metadata", "name") ?? "";

    public static string Namespace(JsonObject obj) => String(obj, "metadata", "namespace") ?? "";

    public static string Uid(JsonObject obj) => String(obj, "metadata", "uid") ?? "";

    public static string ResourceVersion(JsonObject obj) => String(obj, "metadata", "resourceVersion") ?? "";

    public static long Generation(JsonObject obj) => Long(obj, "metadata", "generation") ?? 0;

    public static string? Annotation(JsonObject obj, string key) => String(obj, "metadata", "annotations", key);

    public static string? Label(JsonObject obj, string key) => String(obj, "metadata", "labels", key);

    public static bool IsTerminating(JsonObject obj) => At(obj, "metadata", "deletionTimestamp") is not null;

    public static bool HasFinalizer(JsonObject obj, string finalizer) =>
        At(obj, "metadata", "finalizers") is JsonArray a && a.Any(f => f?.GetValueKind() == JsonValueKind.String && f.GetValue<string>() == finalizer);

    public static void AddFinalizer(JsonObject obj, string finalizer)
    {
        var meta = Metadata(obj);
        if (meta["finalizers"] is not JsonArray list)
        {
            list = [];
            meta["finalizers"] = list;
        }

        list.Add((JsonNode)JsonValue.Create(finalizer));
    }

    public static void RemoveFinalizer(JsonObject obj, string finalizer)
    {
        if (At(obj, "metadata", "finalizers") is JsonArray list)
        {
            var keep = list.Where(f => !(f?.GetValueKind() == JsonValueKind.String && f.GetValue<string>() == finalizer))
                .Select(f => f?.DeepClone()).ToArray();
            Metadata(obj)["finalizers"] = new JsonArray(keep);
        }
    }
}
