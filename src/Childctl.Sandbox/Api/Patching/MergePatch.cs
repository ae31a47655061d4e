using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Api.Patching;

/// <summary>RFC 7386 JSON merge patch: objects merge key by key, null deletes, anything else replaces.</summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var current = result[key];
            result.Remove(key);
            result[key] = Apply(current, value);
        }

        return result;
    }
}
