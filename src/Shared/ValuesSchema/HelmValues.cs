using System.Text.Json.Nodes;

namespace Childctl.Shared.ValuesSchema;

/// <summary>Helm's coalescing of user values over a chart's defaults, as the dry run that the schema then checks sees them.</summary>
internal static class HelmValues
{
    /// <summary>Merges <paramref name="overrides"/> into <paramref name="defaults"/>: maps key by key, anything else replaces, null deletes.</summary>
    public static JsonObject Coalesce(JsonObject defaults, JsonObject? overrides)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        foreach (var (key, value) in overrides ?? [])
        {
            if (value is null)
            {
                defaults.Remove(key);
            }
            else if (value is JsonObject map && defaults[key] is JsonObject existing)
            {
                Coalesce(existing, map);
            }
            else
            {
                defaults[key] = value.DeepClone();
            }
        }

        return defaults;
    }
}
