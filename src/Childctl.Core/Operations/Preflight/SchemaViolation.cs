using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Childctl.Core.Operations.Preflight;

/// <summary>
/// One value of <c>spec.config</c> that breaks the template's schema, as the apiserver words a 422 cause for a CRD
/// schema (kube-openapi's validation errors): the field path from <c>spec.config</c> (<c>spec.config.worker.rootVolumeSize</c>,
/// lists as <c>[i]</c>), then the rule: <c>Invalid value: 4: … should be greater than or equal to 8</c>,
/// <c>must be of type integer</c>, <c>Unsupported value: … supported values: …</c>, <c>Required value</c>; a key the
/// schema does not declare (<c>additionalProperties: false</c>) as the apiserver's strict decoding says it,
/// <c>unknown field "spec.config.workerNumber"</c>. Rules outside those keep JsonSchema.Net's own words after the keyword.
/// </summary>
internal sealed record SchemaViolation(string Field, string Text)
{
    private const string Root = "spec.config";

    /// <summary>
    /// The violations one evaluation error stands for (a <c>required</c> error names each missing key). The rule's
    /// bound is read from the schema node the error is about: found by the evaluation path, which is a pointer into the
    /// document unless a <c>$ref</c> was followed (then by the absolute schema location).
    /// </summary>
    public static IEnumerable<SchemaViolation> From(string keyword, string libraryMessage, EvaluationResults detail, JsonNode values, JsonNode schemaDocument)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var pointer = detail.InstanceLocation.ToString();
        var field = FieldPath(pointer);
        var value = ConfigSchema.At(values, pointer);
        var evaluation = detail.EvaluationPath.ToString();
        var schema = (evaluation.Contains("$ref", StringComparison.Ordinal) ? ConfigSchema.At(schemaDocument, detail.SchemaLocation.Fragment) : Node(schemaDocument, evaluation)) as JsonObject ?? [];
        var shown = Display(value);
        return keyword switch
        {
            "" when evaluation.EndsWith("/additionalProperties", StringComparison.Ordinal) || evaluation.EndsWith("/unevaluatedProperties", StringComparison.Ordinal)
                => [new(field, $"unknown field \"{field}\"")],
            "required" => Missing(schema, value, field),
            "type" => [new(field, $"{field}: Invalid value: \"{TypeOf(value)}\": {field} in body must be of type {Types(schema["type"])}: \"{TypeOf(value)}\"")],
            "enum" => [new(field, $"{field}: Unsupported value: {shown}: supported values: {string.Join(", ", (schema["enum"] as JsonArray ?? []).Select(Display))}")],
            "const" => [new(field, $"{field}: Unsupported value: {shown}: supported values: {Display(schema["const"])}")],
            "minimum" => [Bound(field, shown, "should be greater than or equal to", schema["minimum"])],
            "exclusiveMinimum" => [Bound(field, shown, "should be greater than", schema["exclusiveMinimum"])],
            "maximum" => [Bound(field, shown, "should be less than or equal to", schema["maximum"])],
            "exclusiveMaximum" => [Bound(field, shown, "should be less than", schema["exclusiveMaximum"])],
            "minLength" => [new(field, $"{field}: Invalid value: {shown}: {field} in body should be at least {schema["minLength"]?.ToJsonString()} chars long")],
            "maxLength" => [new(field, $"{field}: Invalid value: {shown}: {field} in body should be at most {schema["maxLength"]?.ToJsonString()} chars long")],
            "pattern" => [new(field, $"{field}: Invalid value: {shown}: {field} in body should match '{schema["pattern"]}'")],
            "minItems" => [new(field, $"{field}: Invalid value: {Count(value)}: {field} in body should have at least {schema["minItems"]?.ToJsonString()} items")],
            "maxItems" => [new(field, $"{field}: Too many: {Count(value)}: must have at most {schema["maxItems"]?.ToJsonString()} items")],
            _ => [new(field, $"{field}: Invalid value: {shown}: {keyword}: {libraryMessage}")],
        };
    }

    /// <summary>
    /// The schema node at an evaluation path. JsonSchema.Net 8 repeats the keyword of an applied subschema for array
    /// items (<c>…/cpArgs/items/items</c>), so a path that does not resolve is shortened from the end until it does.
    /// </summary>
    private static JsonNode? Node(JsonNode document, string path)
    {
        for (var pointer = path; ; pointer = pointer[..pointer.LastIndexOf('/')])
        {
            if (ConfigSchema.At(document, pointer) is JsonObject found || pointer.Length == 0)
            {
                return ConfigSchema.At(document, pointer);
            }
        }
    }

    private static IEnumerable<SchemaViolation> Missing(JsonObject schema, JsonNode? value, string field)
    {
        var present = value as JsonObject ?? [];
        return (schema["required"] as JsonArray ?? [])
            .Select(r => r?.GetValue<string>() ?? string.Empty)
            .Where(name => !present.ContainsKey(name))
            .Select(name => new SchemaViolation(Child(field, name), $"{Child(field, name)}: Required value"));
    }

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

    private static string Count(JsonNode? value) => (value as JsonArray)?.Count.ToString(CultureInfo.InvariantCulture) ?? "0";

    private static string Types(JsonNode? type) => type switch
    {
        JsonArray list => string.Join(",", list.Select(t => t?.ToString())),
        _ => type?.ToString() ?? "unknown",
    };

    /// <summary>The JSON type the apiserver names: integer for a whole number, else number, string, boolean, object, array, null.</summary>
    private static string TypeOf(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value is JsonValue v && v.TryGetValue<long>(out _) || value.ToJsonString().All(c => char.IsAsciiDigit(c) || c == '-') ? "integer" : "number",
        _ => "null",
    };

    /// <summary>A value as the apiserver prints it in a cause: strings quoted, numbers and the rest as JSON.</summary>
    private static string Display(JsonNode? value) => value?.ToJsonString() ?? "null";
}
