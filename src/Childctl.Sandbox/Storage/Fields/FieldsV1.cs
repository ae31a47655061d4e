using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage.Fields;

/// <summary>
/// The FieldsV1 encoding of a path set in managedFields: a tree of path elements, where an empty object marks a
/// member with no members below it and a <c>"."</c> key marks a member that also has members below it.
/// </summary>
internal static class FieldsV1
{
    public static JsonObject Encode(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        var sorted = paths.Order(StringComparer.Ordinal).ToList();
        var members = sorted.ToHashSet(StringComparer.Ordinal);
        foreach (var path in sorted)
        {
            var node = root;
            foreach (var element in path.Split(FieldPaths.Separator))
            {
                if (node[element] is not JsonObject child)
                {
                    child = [];
                    node[element] = child;
                }

                node = child;
            }
        }

        MarkSelf(root, "", members);
        return root;
    }

    public static HashSet<string> Decode(JsonNode? fields)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (fields is JsonObject obj)
        {
            Collect(obj, "", paths);
        }

        return paths;
    }

    /// <summary>A member that also has members below it gets a "." entry, so decoding gives the set back.</summary>
    private static void MarkSelf(JsonObject node, string path, HashSet<string> members)
    {
        foreach (var (key, value) in node.ToList())
        {
            if (value is not JsonObject child || key == ".")
            {
                continue;
            }

            var childPath = path.Length == 0 ? key : path + FieldPaths.Separator + key;
            MarkSelf(child, childPath, members);
            if (child.Count > 0 && members.Contains(childPath))
            {
                child["."] = new JsonObject();
            }
        }
    }

    private static void Collect(JsonObject node, string path, HashSet<string> paths)
    {
        foreach (var (key, value) in node)
        {
            if (key == ".")
            {
                paths.Add(path);
                continue;
            }

            var childPath = path.Length == 0 ? key : path + FieldPaths.Separator + key;
            if (value is JsonObject { Count: > 0 } child)
            {
                Collect(child, childPath, paths);
            }
            else
            {
                paths.Add(childPath);
            }
        }
    }
}
