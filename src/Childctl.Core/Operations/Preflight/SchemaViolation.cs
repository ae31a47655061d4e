using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Shared.ValuesSchema;

namespace Childctl.Core.Operations.Preflight;

/// <summary>
/// One value of <c>spec.config</c> that breaks the template's schema, as the apiserver words a 422 cause for a CRD
/// schema (kube-openapi's validation errors): the field path from <c>spec.config</c> (<c>spec.config.worker.rootVolumeSize</c>,
/// lists as <c>[i]</c>), then the rule: <c>Invalid value: 4: … should be greater than or equal to 8</c>,
/// <c>must be of type integer</c>, <c>Unsupported value: … supported values: …</c>, <c>Required value</c>; a key the
/// schema does not declare (<c>additionalProperties: false</c>) as the apiserver's strict decoding says it,
/// <c>unknown field "spec.config.workerNumber"</c>. The applicators (<c>anyOf</c>, <c>oneOf</c>, <c>not</c>) are named as kube-openapi names them.
/// </summary>
internal sealed record SchemaViolation(string Field, string Text)
{
    private const string Root = "spec.config";

    /// <summary>The causes one finding stands for: a <c>required</c> names each missing key, an unknown-field each extra one.</summary>
    public static IEnumerable<SchemaViolation> From(SchemaFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var field = FieldPath(finding.Pointer);
        var schema = finding.Schema;
        var value = finding.Value;
        var shown = Display(value);
        return finding.Keyword switch
        {
            "additionalProperties" => finding.Keys.Select(k => new SchemaViolation(Child(field, k), $"unknown field \"{Child(field, k)}\"")),
            "required" => finding.Keys.Select(k => new SchemaViolation(Child(field, k), $"{Child(field, k)}: Required value")),
            "type" => [new(field, $"{field}: Invalid value: \"{TypeOf(value)}\": {field} in body must be of type {Types(schema["type"])}: \"{TypeOf(value)}\"")],
            "enum" => [new(field, $"{field}: Unsupported value: {shown}: supported values: {string.Join(", ", (schema["enum"] as JsonArray ?? []).Select(Display))}")],
            "const" => [new(field, $"{field}: Unsupported value: {shown}: supported values: {Display(schema["const"])}")],
            "minimum" => [Bound(field, shown, "should be greater than or equal to", schema["minimum"])],
            "exclusiveMinimum" => [Bound(field, shown, "should be greater than", schema["exclusiveMinimum"] is JsonValue b && b.GetValueKind() == JsonValueKind.Number ? b : schema["minimum"])],
            "maximum" => [Bound(field, shown, "should be less than or equal to", schema["maximum"])],
            "exclusiveMaximum" => [Bound(field, shown, "should be less than", schema["exclusiveMaximum"] is JsonValue b && b.GetValueKind() == JsonValueKind.Number ? b : schema["maximum"])],
            "multipleOf" => [new(field, $"{field}: Invalid value: {shown}: {field} in body should be a multiple of {schema["multipleOf"]?.ToJsonString()}")],
            "minLength" => [new(field, $"{field}: Invalid value: {shown}: {field} in body should be at least {schema["minLength"]?.ToJsonString()} chars long")],
            "maxLength" => [new(field, $"{field}: Invalid value: {shown}: {field} in body should be at most {schema["maxLength"]?.ToJsonString()} chars long")],
            "pattern" => [new(field, $"{field}: Invalid value: {shown}: {field} in body should match '{schema["pattern"]}'")],
            "minItems" => [new(field, $"{field}: Invalid value: {Count(value)}: {field} in body should have at least {schema["minItems"]?.ToJsonString()} items")],
            "maxItems" => [new(field, $"{field}: Too many: {Count(value)}: must have at most {schema["maxItems"]?.ToJsonString()} items")],
            "uniqueItems" => [new(field, $"{field}: Duplicate value: {shown}")],
            "minProperties" => [new(field, $"{field}: Invalid value: {Count(value)}: {field} in body should have at least {schema["minProperties"]?.ToJsonString()} properties")],
            "maxProperties" => [new(field, $"{field}: Too many: {Count(value)}: must have at most {schema["maxProperties"]?.ToJsonString()} items")],
            _ => [new(field, $"{field}: Invalid value: {shown}: {field} in body must match {Rule(finding.Keyword)}")],
        };
    }

    private static string Rule(string keyword) => keyword switch
    {
        "anyOf" => "at least one schema in anyOf",
        "oneOf" => "exactly one schema in oneOf",
        "not" => "none of the schema in not",
        _ => keyword,
    };

    private static SchemaViolation Bound(string field, string shown, string rule, JsonNode? bound) =>
        new(field, $"{field}: Invalid value: {shown}: {field} in body {rule} {bound?.ToJsonString()}");

    /// <summary><c>/worker/rootVolumeSize</c> → <c>spec.config.worker.rootVolumeSize</c>; <c>/k0s/cpArgs/0</c> → <c>spec.config.k0s.cpArgs[0]</c>.</summary>
    public static string FieldPath(string pointer)
    {
        var path = new StringBuilder(Root);
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path.Append(part.All(char.IsAsciiDigit) ? $"[{part}]" : "." + part);
        }

        return path.ToString();
    }

    private static string Child(string field, string name) => $"{field}.{name}";

    private static string Count(JsonNode? value) => (value switch { JsonArray a => a.Count, JsonObject o => o.Count, _ => 0 }).ToString(CultureInfo.InvariantCulture);

    private static string Types(JsonNode? type) => type switch
    {
        JsonArray list => string.Join(",", list.Select(t => t?.ToString())),
        _ => type?.ToString() ?? "unknown",
    };

    /// <summary>The JSON type the apiserver names: integer for a whole number, else number, string, boolean, object, array, null.</summary>
    private static string TypeOf(JsonNode? value) => ValuesSchemaEvaluator.KindOf(value);

    /// <summary>A value as the apiserver prints it in a cause: strings quoted, numbers and the rest as JSON.</summary>
    private static string Display(JsonNode? value) => value?.ToJsonString() ?? "null";
}
