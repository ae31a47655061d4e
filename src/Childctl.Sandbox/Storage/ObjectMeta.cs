using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

/// <summary>Small accessors for the metadata of a <see cref="JsonObject"/> Kubernetes object.</summary>
internal static class ObjectMeta
{
    public static JsonObject Of(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    public static string? String(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static string? Name(JsonObject obj) => NonEmpty(String(Of(obj), "name"));

    public static string? Namespace(JsonObject obj) => NonEmpty(String(Of(obj), "namespace"));

    public static string? ResourceVersion(JsonObject obj) => NonEmpty(String(Of(obj), "resourceVersion"));

    public static string? Uid(JsonObject obj) => NonEmpty(String(Of(obj), "uid"));

    public static bool IsTerminating(JsonObject obj) => Of(obj)["deletionTimestamp"] is not null;

    public static List<string> Finalizers(JsonObject obj) =>
        Of(obj)["finalizers"] is JsonArray a
            ? a.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "").Where(s => s.Length > 0).ToList()
            : [];

    public static long Generation(JsonObject obj) =>
        Of(obj)["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;

    /// <summary>Kubernetes timestamps: RFC 3339, UTC, whole seconds.</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Puts apiVersion, kind and metadata first, as the apiserver writes them, keeping the rest in order.</summary>
    public static void OrderTopLevel(JsonObject obj)
    {
        var props = obj.ToList();
        obj.Clear();
        foreach (var key in (string[])["apiVersion", "kind", "metadata"])
        {
            var found = props.FindIndex(p => p.Key == key);
            if (found >= 0)
            {
                obj[key] = props[found].Value;
                props.RemoveAt(found);
            }
        }

        foreach (var p in props)
        {
            obj[p.Key] = p.Value;
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
