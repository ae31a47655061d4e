using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Api.Patching;

/// <summary>
/// Server-side apply, simplified: the applied configuration is merged into the live object (maps merge, lists and
/// scalars replace). Field ownership is not tracked, so fields a manager stops applying are not removed and
/// apply conflicts are never reported (documented gaps).
/// </summary>
internal static class ApplyPatch
{
    public static JsonObject Apply(JsonObject live, JsonObject applied) => (JsonObject)Merge(live, applied)!;

    private static JsonNode? Merge(JsonNode? live, JsonNode? applied)
    {
        if (applied is not JsonObject appliedObject || live is not JsonObject liveObject)
        {
            return applied?.DeepClone();
        }

        foreach (var (key, value) in appliedObject)
        {
            var current = liveObject[key];
            liveObject.Remove(key);
            liveObject[key] = Merge(current, value);
        }

        return liveObject;
    }
}
