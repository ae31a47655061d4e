using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The simulated client-side Helm dry run of a ClusterDeployment's <c>spec.config</c> (REFERENCE.md §4, HelmChartReady):
/// the chart's default values coalesced with the config, as Helm does, then checked against the chart's values
/// schema, with the messages of the JSON-schema library Helm uses (<c>- at '/path': ...</c>). Written here for the
/// subset of JSON Schema that <see cref="ChartSchema"/> publishes: <c>type</c> (one or a list), <c>properties</c>,
/// <c>required</c>, <c>additionalProperties</c> (true, false or a schema), <c>items</c>, <c>enum</c>,
/// <c>minLength</c>, <c>minimum</c> and <c>maximum</c>. The sandbox's CRD validator (Api/Validation) speaks the
/// apiserver's words for CRD schemas, which are not Helm's.
/// </summary>
internal static class ValuesValidator
{
    /// <summary>The violations, sorted by path, each as Helm prints it; empty when the values fit.</summary>
    public static IReadOnlyList<string> Validate(JsonObject schema, JsonObject? defaults, JsonObject? config)
    {
        var values = Coalesce(defaults?.DeepClone() as JsonObject ?? [], config);
        var errors = new List<(string Path, string Message)>();
        Check(schema, values, "", errors);
        return errors.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal)
            .Select(e => $"- at '{e.Path}': {e.Message}").ToList();
    }

    /// <summary>The HelmChartReady message for violations, as k0rdent wraps Helm's error.</summary>
    public static string FailureMessage(string chart, IEnumerable<string> violations) =>
        "failed to validate template with provided configuration: values don't meet the specifications of the schema(s) in the following chart(s):\n"
        + chart + ":\n" + string.Join("\n", violations) + "\n";

    /// <summary>Helm's coalescing of user values over chart defaults: maps merge key by key, anything else replaces, null deletes.</summary>
    public static JsonObject Coalesce(JsonObject defaults, JsonObject? overrides)
    {
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

    private static void Check(JsonObject schema, JsonNode? value, string path, List<(string, string)> errors)
    {
        if (TypeProblem(schema, value) is { } typeProblem)
        {
            errors.Add((path, typeProblem));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add((path, "value must be one of " + string.Join(", ", allowed.Select(Display))));
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(schema, obj, path, errors);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(items, array[i], string.Create(CultureInfo.InvariantCulture, $"{path}/{i}"), errors);
                }

                break;
            case JsonValue v:
                CheckScalar(schema, v, path, errors);
                break;
        }
    }

    /// <summary>minLength of a string, minimum and maximum of a number.</summary>
    private static void CheckScalar(JsonObject schema, JsonValue v, string path, List<(string, string)> errors)
    {
        if (v.GetValueKind() == JsonValueKind.String)
        {
            var length = v.GetValue<string>().Length;
            if (JsonAccess.Integer(schema["minLength"]) is { } minLength && length < minLength)
            {
                errors.Add((path, string.Create(CultureInfo.InvariantCulture, $"minLength: got {length}, want {minLength}")));
            }
        }
        else if (v.GetValueKind() == JsonValueKind.Number)
        {
            var n = Number(v);
            if (JsonAccess.Integer(schema["minimum"]) is { } minimum && n < minimum)
            {
                errors.Add((path, $"minimum: got {Display(v)}, want {minimum.ToString(CultureInfo.InvariantCulture)}"));
            }

            if (JsonAccess.Integer(schema["maximum"]) is { } maximum && n > maximum)
            {
                errors.Add((path, $"maximum: got {Display(v)}, want {maximum.ToString(CultureInfo.InvariantCulture)}"));
            }
        }
    }

    private static void CheckObject(JsonObject schema, JsonObject obj, string path, List<(string, string)> errors)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        var missing = (schema["required"] as JsonArray ?? []).Select(r => r?.ToString() ?? "").Where(r => !obj.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            errors.Add((path, (missing.Count == 1 ? "missing property " : "missing properties ") + string.Join(", ", missing.Select(Quote))));
        }

        var extra = obj.Select(p => p.Key).Where(k => !properties.ContainsKey(k)).ToList();
        if (extra.Count > 0 && schema["additionalProperties"] is JsonValue additional && additional.GetValueKind() == JsonValueKind.False)
        {
            errors.Add((path, "additional properties " + string.Join(", ", extra.Select(Quote)) + " not allowed"));
        }

        foreach (var (key, value) in obj)
        {
            var child = properties[key] as JsonObject ?? schema["additionalProperties"] as JsonObject;
            if (child is not null)
            {
                Check(child, value, $"{path}/{key}", errors);
            }
        }
    }

    /// <summary>"got string, want integer" when the value is none of the schema's types.</summary>
    private static string? TypeProblem(JsonObject schema, JsonNode? value)
    {
        var wanted = schema["type"] switch
        {
            JsonArray list => list.Select(t => t?.ToString() ?? "").ToList(),
            JsonValue single => [single.ToString()],
            _ => [],
        };
        if (wanted.Count == 0)
        {
            return null;
        }

        var actual = KindOf(value);
        var fits = wanted.Any(w => w == actual || (w == "number" && actual == "integer"));
        return fits ? null : $"got {(actual == "integer" ? "number" : actual)}, want {string.Join(" or ", wanted)}";
    }

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => JsonAccess.Integer(value) is not null || Number(value!) % 1 == 0 ? "integer" : "number",
        _ => "null",
    };

    /// <summary>Any JSON number, whether parsed or built in code from an int or a long.</summary>
    private static double Number(JsonNode value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Display(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Quote(v.GetValue<string>()) : value?.ToJsonString() ?? "null";

    /// <summary>The library's quoting: single quotes, inner single quotes escaped.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
