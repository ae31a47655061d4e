using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The simulated client-side Helm dry-run of <c>spec.config</c> against the template chart's values schema
/// (REFERENCE.md §11), producing violations in Helm's JSON-schema format (<c>- at '/path': ...</c>).
/// Stricter than the real charts on purpose: a missing or empty required key fails here at once, where the
/// real chart's defaults let it through until the cloud rejects it.
/// </summary>
internal static class ConfigValidator
{
    public static IReadOnlyList<string> Validate(ProviderProfile profile, JsonObject? config)
    {
        var errors = new List<string>();
        config ??= [];
        foreach (var key in profile.RequiredTopLevel)
        {
            RequireString(errors, config, "", key);
        }

        foreach (var section in (string[])["controlPlane", "worker"])
        {
            if (config[section] is JsonObject part)
            {
                RequireString(errors, part, "/" + section, profile.SizeKey);
                CheckInteger(errors, part, $"/{section}", "rootVolumeSize", profile.MinimumRootVolume);
            }
            else
            {
                errors.Add($"- at '': missing property '{section}'");
            }
        }

        CheckInteger(errors, config, "", "controlPlaneNumber", 1);
        CheckInteger(errors, config, "", "workersNumber", 0);
        return errors;
    }

    /// <summary>The HelmChartReady message for violations, as k0rdent wraps Helm's error.</summary>
    public static string FailureMessage(string chart, IEnumerable<string> violations) =>
        "failed to validate template with provided configuration: values don't meet the specifications of the schema(s) in the following chart(s):\n"
        + chart + ":\n" + string.Join("\n", violations) + "\n";

    private static void RequireString(List<string> errors, JsonObject parent, string path, string key)
    {
        var value = parent[key];
        if (value is null)
        {
            errors.Add($"- at '{path}': missing property '{key}'");
        }
        else if (value.GetValueKind() != JsonValueKind.String)
        {
            errors.Add($"- at '{path}/{key}': got {KindName(value)}, want string");
        }
        else if (value.GetValue<string>().Length == 0)
        {
            errors.Add($"- at '{path}/{key}': minLength: got 0, want 1");
        }
    }

    private static void CheckInteger(List<string> errors, JsonObject parent, string path, string key, int minimum)
    {
        var value = parent[key];
        if (value is null)
        {
            return;
        }

        if (JsonAccess.Integer(value) is not { } n)
        {
            errors.Add($"- at '{path}/{key}': got {KindName(value)}, want integer");
        }
        else if (n < minimum)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"- at '{path}/{key}': minimum: got {n}, want {minimum}"));
        }
    }

    private static string KindName(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };
}
