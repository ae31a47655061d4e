using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage.Fields;

/// <summary>Removes owned paths from an object: fields, map-list items (by key) and set values; containers left empty go too.</summary>
internal static class FieldPruning
{
    public static void Remove(JsonObject obj, IEnumerable<string> paths)
    {
        foreach (var path in paths.OrderByDescending(p => p.Length))
        {
            RemoveOne(obj, path.Split(FieldPaths.Separator), 0);
        }
    }

    /// <summary>Returns whether the container at this level is now empty (and was emptied by the removal).</summary>
    private static bool RemoveOne(JsonNode? node, string[] elements, int at)
    {
        var element = elements[at];
        var last = at == elements.Length - 1;
        switch (node)
        {
            case JsonObject obj when element.StartsWith("f:", StringComparison.Ordinal):
                var name = element[2..];
                if (!obj.ContainsKey(name))
                {
                    return false;
                }

                if (last || RemoveOne(obj[name], elements, at + 1))
                {
                    obj.Remove(name);
                }

                return obj.Count == 0;
            case JsonArray array when element.StartsWith("k:", StringComparison.Ordinal):
                var key = JsonNode.Parse(element[2..])!.AsObject();
                var index = array.ToList().FindIndex(i => i is JsonObject o && key.All(k => JsonNode.DeepEquals(o[k.Key], k.Value)));
                if (index < 0)
                {
                    return false;
                }

                if (last || RemoveOne(array[index], elements, at + 1))
                {
                    array.RemoveAt(index);
                }

                return array.Count == 0;
            case JsonArray array when element.StartsWith("v:", StringComparison.Ordinal) && last:
                var value = JsonNode.Parse(element[2..]);
                var found = array.ToList().FindIndex(i => JsonNode.DeepEquals(i, value));
                if (found >= 0)
                {
                    array.RemoveAt(found);
                }

                return array.Count == 0;
            default:
                return false;
        }
    }
}
