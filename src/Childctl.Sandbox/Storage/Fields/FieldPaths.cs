using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage.Fields;

/// <summary>
/// An object as structured-merge-diff sees it: the set of its field paths (leaves, plus the items of map lists),
/// each with the JSON of its value, so two versions can be compared and paths owned. A path is its elements in
/// the FieldsV1 encoding (<c>f:name</c>, <c>k:{"type":"Ready"}</c>, <c>v:"x"</c>) joined by <see cref="Separator"/>.
/// Identity and server-owned metadata (name, namespace, uid, resourceVersion, generation, timestamps, managedFields)
/// and apiVersion/kind are never owned; status belongs to status writes when it is a subresource, and only to them.
/// </summary>
internal static class FieldPaths
{
    public const char Separator = '\u0000';

    private static readonly HashSet<string> OwnedMetadata = new(StringComparer.Ordinal) { "labels", "annotations", "finalizers", "ownerReferences", "generateName" };

    /// <summary>Path → value JSON ("" for an item's own membership).</summary>
    public static Dictionary<string, string> Of(JsonObject obj, FieldShape root, bool statusIsSubresource, string? subresource)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            var isStatus = key == "status";
            if (key is "apiVersion" or "kind" || (statusIsSubresource && isStatus != (subresource == "status")) || (!statusIsSubresource && subresource == "status" && !isStatus))
            {
                continue;
            }

            if (key == "metadata")
            {
                if (value is JsonObject meta)
                {
                    foreach (var (field, v) in meta.Where(m => OwnedMetadata.Contains(m.Key)))
                    {
                        Walk(v, FieldShape.Metadata.Child(field), $"f:metadata{Separator}f:{field}", paths);
                    }
                }

                continue;
            }

            Walk(value, root.Child(key), "f:" + key, paths);
        }

        return paths;
    }

    /// <summary>The printed form upstream uses in conflict messages: <c>.spec.template</c>, <c>.status.conditions[type="Ready"]</c>.</summary>
    public static string Display(string path) => string.Concat(path.Split(Separator).Select(e => e[..2] switch
    {
        "f:" => "." + e[2..],
        "k:" => "[" + string.Join(",", JsonNode.Parse(e[2..])!.AsObject().Select(p => $"{p.Key}={Scalar(p.Value)}")) + "]",
        "v:" => "[=" + Scalar(JsonNode.Parse(e[2..])) + "]",
        _ => e,
    }));

    public static string KeyOf(JsonObject item, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var k in keys)
        {
            key[k] = item[k]?.DeepClone();
        }

        return "k:" + Json(key);
    }

    public static string Json(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    private static void Walk(JsonNode? node, FieldShape shape, string path, Dictionary<string, string> paths)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0 && !shape.AtomicMap:
                foreach (var (key, value) in obj)
                {
                    Walk(value, shape.Child(key), $"{path}{Separator}f:{key}", paths);
                }

                break;
            case JsonArray array when shape.ListType == "map" && shape.MapKeys.Count > 0:
                foreach (var item in array.OfType<JsonObject>())
                {
                    var itemPath = $"{path}{Separator}{KeyOf(item, shape.MapKeys)}";
                    paths[itemPath] = "";
                    Walk(item, shape.Items, itemPath, paths);
                }

                break;
            case JsonArray array when shape.ListType == "set":
                foreach (var item in array)
                {
                    paths[$"{path}{Separator}v:{Json(item)}"] = Json(item);
                }

                break;
            default:
                paths[path] = Json(node);
                break;
        }
    }

    private static string Scalar(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? GoQuote.Quote(v.GetValue<string>()) : Json(node);
}
