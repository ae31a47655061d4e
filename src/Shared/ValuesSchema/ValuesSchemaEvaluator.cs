using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Childctl.Shared.ValuesSchema;

/// <summary>
/// One broken rule of a values schema: where in the values (<see cref="Pointer"/>, a JSON Pointer, "" for the root), the
/// keyword, the schema object that holds it, the value it judged, and for <c>required</c> the missing keys and for
/// <c>additionalProperties: false</c> the undeclared ones (<see cref="Keys"/>). Callers word it: Helm's way in the
/// sandbox's simulated dry run, the apiserver's way in childctl's pre-flight.
/// </summary>
internal sealed record SchemaFinding(string Pointer, string Keyword, JsonObject Schema, JsonNode? Value, IReadOnlyList<string> Keys);

/// <summary>
/// Evaluates Helm chart values against a chart's <c>values.schema.json</c> (JSON Schema draft 4 to 2020-12, as Helm
/// charts write them): <c>type</c>, <c>enum</c>, <c>const</c>, <c>properties</c>, <c>patternProperties</c>,
/// <c>additionalProperties</c>, <c>required</c>, <c>minProperties</c>/<c>maxProperties</c>, <c>items</c> (a schema, or a
/// list as in draft 4–2019), <c>prefixItems</c>, <c>minItems</c>/<c>maxItems</c>, <c>uniqueItems</c>,
/// <c>minLength</c>/<c>maxLength</c>, <c>pattern</c>, <c>minimum</c>/<c>maximum</c>, <c>exclusiveMinimum</c>/
/// <c>exclusiveMaximum</c> (numbers, or draft 4's booleans), <c>multipleOf</c>, <c>allOf</c>, <c>anyOf</c>,
/// <c>oneOf</c>, <c>not</c>, <c>if</c>/<c>then</c>/<c>else</c> and local <c>$ref</c> (<c>#/definitions/…</c>,
/// <c>#/$defs/…</c>). Annotations (<c>title</c>, <c>description</c>, <c>default</c>, <c>format</c>, …) are not rules.
/// A value of the wrong <c>type</c> is reported for that alone, as Helm's library does. Written here rather than taken
/// from JsonSchema.Net, whose module initialiser cost every childctl start about 30 million instructions
/// (docs/performance.md, "Start-up"); shared by the CLI and the sandbox as linked source.
/// </summary>
internal sealed partial class ValuesSchemaEvaluator
{
    private const int MaxDepth = 64;

    private readonly JsonObject _root;

    public ValuesSchemaEvaluator(JsonObject root) => _root = root ?? throw new ArgumentNullException(nameof(root));

    /// <summary>Every broken rule, in document order of the values.</summary>
    public IReadOnlyList<SchemaFinding> Evaluate(JsonNode? values)
    {
        var findings = new List<SchemaFinding>();
        Check(_root, values, "", findings, 0);
        return findings;
    }

    /// <summary>Whether the values break no rule (for the applicators: anyOf, oneOf, not, if).</summary>
    private bool Fits(JsonObject schema, JsonNode? value, string pointer, int depth)
    {
        var scratch = new List<SchemaFinding>();
        Check(schema, value, pointer, scratch, depth);
        return scratch.Count == 0;
    }

    private void Check(JsonObject schema, JsonNode? value, string pointer, List<SchemaFinding> findings, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonException($"the schema nests deeper than {MaxDepth} levels at '{pointer}' (a $ref cycle?)");
        }

        if (schema["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target))
        {
            Check(Resolve(target), value, pointer, findings, depth + 1);
        }

        if (!TypeFits(schema["type"], value))
        {
            findings.Add(new(pointer, "type", schema, value, []));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            findings.Add(new(pointer, "enum", schema, value, []));
        }

        if (schema.ContainsKey("const") && !JsonNode.DeepEquals(schema["const"], value))
        {
            findings.Add(new(pointer, "const", schema, value, []));
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(schema, obj, pointer, findings, depth);
                break;
            case JsonArray array:
                CheckArray(schema, array, pointer, findings, depth);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                CheckString(schema, scalar, pointer, findings);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                CheckNumber(schema, scalar, pointer, findings);
                break;
        }

        CheckApplicators(schema, value, pointer, findings, depth);
    }

    private void CheckApplicators(JsonObject schema, JsonNode? value, string pointer, List<SchemaFinding> findings, int depth)
    {
        foreach (var part in Schemas(schema["allOf"]))
        {
            Check(part, value, pointer, findings, depth + 1);
        }

        if (schema["anyOf"] is JsonArray && !Schemas(schema["anyOf"]).Any(s => Fits(s, value, pointer, depth + 1)))
        {
            findings.Add(new(pointer, "anyOf", schema, value, []));
        }

        if (schema["oneOf"] is JsonArray && Schemas(schema["oneOf"]).Count(s => Fits(s, value, pointer, depth + 1)) != 1)
        {
            findings.Add(new(pointer, "oneOf", schema, value, []));
        }

        if (schema["not"] is JsonObject not && Fits(not, value, pointer, depth + 1))
        {
            findings.Add(new(pointer, "not", schema, value, []));
        }

        if (schema["if"] is JsonObject condition)
        {
            var branch = Fits(condition, value, pointer, depth + 1) ? schema["then"] : schema["else"];
            if (branch is JsonObject chosen)
            {
                Check(chosen, value, pointer, findings, depth + 1);
            }
        }
    }

    private static void CheckString(JsonObject schema, JsonValue scalar, string pointer, List<SchemaFinding> findings)
    {
        var text = scalar.GetValue<string>();

        // JSON Schema counts characters as code points, not UTF-16 units.
        var length = text.EnumerateRunes().Count();
        Count(schema, "minLength", length, (n, min) => n < min, pointer, scalar, findings);
        Count(schema, "maxLength", length, (n, max) => n > max, pointer, scalar, findings);
        if (schema["pattern"] is JsonValue pattern && pattern.TryGetValue<string>(out var regex) && !Pattern(regex).IsMatch(text))
        {
            findings.Add(new(pointer, "pattern", schema, scalar, []));
        }
    }

    private static void CheckNumber(JsonObject schema, JsonValue scalar, string pointer, List<SchemaFinding> findings)
    {
        var n = Number(scalar);
        var exclusiveMin = schema["exclusiveMinimum"] is JsonValue em && em.GetValueKind() == JsonValueKind.True;
        var exclusiveMax = schema["exclusiveMaximum"] is JsonValue eM && eM.GetValueKind() == JsonValueKind.True;
        Bound(schema, exclusiveMin ? null : "minimum", n, (v, b) => v < b, pointer, scalar, findings);
        Bound(schema, exclusiveMax ? null : "maximum", n, (v, b) => v > b, pointer, scalar, findings);

        // Draft 4 writes an exclusive bound as minimum plus exclusiveMinimum: true; later drafts as a number.
        if (exclusiveMin && NumberOf(schema["minimum"]) is { } lower && n <= lower)
        {
            findings.Add(new(pointer, "exclusiveMinimum", schema, scalar, []));
        }

        if (exclusiveMax && NumberOf(schema["maximum"]) is { } upper && n >= upper)
        {
            findings.Add(new(pointer, "exclusiveMaximum", schema, scalar, []));
        }

        Bound(schema, "exclusiveMinimum", n, (v, b) => v <= b, pointer, scalar, findings);
        Bound(schema, "exclusiveMaximum", n, (v, b) => v >= b, pointer, scalar, findings);
        if (NumberOf(schema["multipleOf"]) is { } step && step > 0 && Math.Abs(Math.IEEERemainder((double)n, (double)step)) > 1e-9)
        {
            findings.Add(new(pointer, "multipleOf", schema, scalar, []));
        }
    }

    private static void Bound(JsonObject schema, string? keyword, decimal value, Func<decimal, decimal, bool> breaks, string pointer, JsonNode node, List<SchemaFinding> findings)
    {
        if (keyword is not null && NumberOf(schema[keyword]) is { } bound && breaks(value, bound))
        {
            findings.Add(new(pointer, keyword, schema, node, []));
        }
    }

    private static void Count(JsonObject schema, string keyword, int count, Func<int, decimal, bool> breaks, string pointer, JsonNode node, List<SchemaFinding> findings)
    {
        if (NumberOf(schema[keyword]) is { } limit && breaks(count, limit))
        {
            findings.Add(new(pointer, keyword, schema, node, []));
        }
    }

    /// <summary>A local reference: <c>#</c>, <c>#/definitions/x</c>, <c>#/$defs/x</c> (JSON Pointer, percent- and ~-escaped).</summary>
    private JsonObject Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new JsonException($"$ref \"{reference}\" points outside the schema; only local references (#/...) are supported");
        }

        JsonNode? node = _root;
        foreach (var raw in Uri.UnescapeDataString(reference[1..]).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[part],
                JsonArray list when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Count => list[i],
                _ => null,
            };
        }

        return node as JsonObject ?? throw new JsonException($"$ref \"{reference}\" names no schema in the document");
    }

    /// <summary>Whether the value is one of the schema's types; "integer" is a number with no fraction, and fits "number".</summary>
    public static bool TypeFits(JsonNode? type, JsonNode? value)
    {
        var wanted = Strings(type).ToList();
        if (wanted.Count == 0)
        {
            return type is null;
        }

        var actual = KindOf(value);
        return wanted.Any(w => w == actual || (w == "number" && actual == "integer"));
    }

    /// <summary>The JSON type of a value as JSON Schema names it: integer for a number with no fractional part.</summary>
    public static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => Number((JsonValue)value) % 1 == 0 ? "integer" : "number",
        _ => "null",
    };

    private static IEnumerable<JsonObject> Schemas(JsonNode? list) => (list as JsonArray ?? []).OfType<JsonObject>();

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray list => list.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static decimal? NumberOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? Number(v) : null;

    /// <summary>Any JSON number, parsed or built in code; beyond decimal's range it saturates, which keeps comparisons right.</summary>
    private static decimal Number(JsonValue value)
    {
        var text = value.ToJsonString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            return exact;
        }

        var approx = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return approx < 0 ? decimal.MinValue : approx > 0 ? decimal.MaxValue : 0m;
    }

    /// <summary>A pattern, unanchored as JSON Schema asks; bounded so that a hostile schema cannot hang a command.</summary>
    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
