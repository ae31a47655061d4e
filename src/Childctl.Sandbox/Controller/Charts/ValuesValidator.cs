using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Shared.ValuesSchema;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The simulated client-side Helm dry run of a ClusterDeployment's <c>spec.config</c> (REFERENCE.md §4, HelmChartReady):
/// the chart's default values coalesced with the config, as Helm does, then checked against the chart's values
/// schema, with the messages of the JSON-schema library Helm uses (<c>- at '/path': ...</c>), evaluated by the
/// <see cref="ValuesSchemaEvaluator"/> that childctl's own pre-flight uses (src/Shared, linked source). The sandbox's CRD validator (Api/Validation) speaks the
/// apiserver's words for CRD schemas, which are not Helm's.
/// </summary>
internal static class ValuesValidator
{
    /// <summary>The violations, sorted by path, each as Helm prints it; empty when the values fit.</summary>
    public static IReadOnlyList<string> Validate(JsonObject schema, JsonObject? defaults, JsonObject? config)
    {
        var values = HelmValues.Coalesce(defaults?.DeepClone() as JsonObject ?? [], config);
        var errors = new ValuesSchemaEvaluator(schema).Evaluate(values).Select(f => (Path: f.Pointer, Message: Word(f)));
        return errors.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal)
            .Select(e => $"- at '{e.Path}': {e.Message}").ToList();
    }

    /// <summary>The HelmChartReady message for violations, as k0rdent wraps Helm's error.</summary>
    public static string FailureMessage(string chart, IEnumerable<string> violations) =>
        "failed to validate template with provided configuration: values don't meet the specifications of the schema(s) in the following chart(s):\n"
        + chart + ":\n" + string.Join("\n", violations) + "\n";

    /// <summary>One finding in the words of Helm's library (santhosh-tekuri/jsonschema).</summary>
    private static string Word(SchemaFinding f) => f.Keyword switch
    {
        "type" => $"got {(ValuesSchemaEvaluator.KindOf(f.Value) is "integer" ? "number" : ValuesSchemaEvaluator.KindOf(f.Value))}, want {string.Join(" or ", Types(f.Schema["type"]))}",
        "enum" => "value must be one of " + string.Join(", ", (f.Schema["enum"] as JsonArray ?? []).Select(Display)),
        "required" => (f.Keys.Count == 1 ? "missing property " : "missing properties ") + string.Join(", ", f.Keys.Select(Quote)),
        "additionalProperties" => "additional properties " + string.Join(", ", f.Keys.Select(Quote)) + " not allowed",
        "minLength" => string.Create(CultureInfo.InvariantCulture, $"minLength: got {f.Value!.GetValue<string>().Length}, want {f.Schema["minLength"]!.ToJsonString()}"),
        "minimum" or "maximum" => $"{f.Keyword}: got {Display(f.Value)}, want {f.Schema[f.Keyword]!.ToJsonString()}",
        _ => $"{f.Keyword}: value does not match the schema",
    };

    private static IEnumerable<string> Types(JsonNode? type) => type switch
    {
        JsonArray list => list.Select(t => t?.ToString() ?? ""),
        _ => [type?.ToString() ?? ""],
    };

    private static string Display(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Quote(v.GetValue<string>()) : value?.ToJsonString() ?? "null";

    /// <summary>The library's quoting: single quotes, inner single quotes escaped.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
