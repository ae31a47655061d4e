using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Validation;

/// <summary>
/// Checks a (pruned, defaulted) object against its structural schema: types, required fields, enums, string
/// lengths and patterns, numeric bounds and item counts. Every problem becomes a cause with the apiserver's
/// reason and message shape; CEL rules and formats are not checked.
/// </summary>
internal sealed class SchemaValidator
{
    public List<StatusCause> Causes { get; } = [];

    public void Validate(JsonNode? node, JsonElement schema, string path)
    {
        if (node is null)
        {
            return;
        }

        if (!TypeMatches(node, schema, path))
        {
            return;
        }

        CheckEnum(node, schema, path);
        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path);
                break;
            case JsonValue value:
                ValueRules.Check(value, schema, path, Causes);
                break;
        }
    }

    private void ValidateObject(JsonObject obj, JsonElement schema, string path)
    {
        if (Schema.Get(schema, "required") is { ValueKind: JsonValueKind.Array } required)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (obj[name] is null)
                {
                    Causes.Add(new StatusCause("FieldValueRequired", "Required value", Schema.Child(path, name)));
                }
            }
        }

        var additional = Schema.AdditionalProperties(schema);
        foreach (var (key, value) in obj)
        {
            var childSchema = Schema.Property(schema, key) ?? (additional is { ValueKind: JsonValueKind.Object } a ? a : null);
            if (childSchema is { } s)
            {
                Validate(value, s, Schema.Child(path, key));
            }
        }
    }

    private void ValidateArray(JsonArray array, JsonElement schema, string path)
    {
        if (Schema.Get(schema, "maxItems") is { ValueKind: JsonValueKind.Number } max && array.Count > max.GetInt32())
        {
            Causes.Add(new StatusCause("FieldValueTooMany", $"Too many: {array.Count}: must have at most {max.GetInt32()} items", path));
        }

        if (Schema.Get(schema, "minItems") is { ValueKind: JsonValueKind.Number } min && array.Count < min.GetInt32())
        {
            Causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {array.Count}: {path} in body should have at least {min.GetInt32()} items", path));
        }

        if (Schema.Get(schema, "items") is { ValueKind: JsonValueKind.Object } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(array[i], items, $"{path}[{i}]");
            }
        }
    }

    private bool TypeMatches(JsonNode node, JsonElement schema, string path)
    {
        var expected = Schema.Type(schema);
        var actual = TypeName(node);
        var ok = Schema.Flag(schema, "x-kubernetes-int-or-string") ? actual is "integer" or "string"
            : expected is null || expected == actual || (expected == "number" && actual == "integer");
        if (!ok)
        {
            var wanted = expected ?? "integer or string";
            Causes.Add(new StatusCause("FieldValueTypeInvalid", $"Invalid value: \"{actual}\": {path} in body must be of type {wanted}: \"{actual}\"", path));
        }

        return ok;
    }

    private void CheckEnum(JsonNode node, JsonElement schema, string path)
    {
        if (Schema.Get(schema, "enum") is not { ValueKind: JsonValueKind.Array } allowed)
        {
            return;
        }

        var text = node.ToJsonString();
        if (allowed.EnumerateArray().Any(a => a.GetRawText() == text))
        {
            return;
        }

        var supported = string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()));
        Causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: {text}: supported values: {supported}", path));
    }

    public static string TypeName(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsIntegral(node.AsValue()) ? "integer" : "number",
            _ => "null",
        },
    };

    private static bool IsIntegral(JsonValue v) => v.TryGetValue<long>(out _) || (v.TryGetValue<double>(out var d) && Math.Floor(d) == d && Math.Abs(d) < 9e15);

    /// <summary>Rules on scalar values (string lengths and patterns, numeric bounds).</summary>
    private static class ValueRules
    {
        public static void Check(JsonValue value, JsonElement schema, string path, List<StatusCause> causes)
        {
            if (value.GetValueKind() == JsonValueKind.String)
            {
                CheckString(value.GetValue<string>(), schema, path, causes);
            }
            else if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var n))
            {
                CheckNumber(n, schema, path, causes);
            }
        }

        private static void CheckString(string s, JsonElement schema, string path, List<StatusCause> causes)
        {
            if (Schema.Get(schema, "maxLength") is { ValueKind: JsonValueKind.Number } max && s.Length > max.GetInt32())
            {
                causes.Add(new StatusCause("FieldValueTooLong", $"Too long: may not be more than {max.GetInt32()} bytes", path));
            }

            if (Schema.Get(schema, "minLength") is { ValueKind: JsonValueKind.Number } min && s.Length < min.GetInt32())
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{s}\": {path} in body should be at least {min.GetInt32()} chars long", path));
            }

            if (Schema.Get(schema, "pattern") is { ValueKind: JsonValueKind.String } pattern && !Matches(s, pattern.GetString()!))
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{s}\": {path} in body should match '{pattern.GetString()}'", path));
            }
        }

        private static void CheckNumber(double n, JsonElement schema, string path, List<StatusCause> causes)
        {
            var text = n.ToString(CultureInfo.InvariantCulture);
            if (Schema.Get(schema, "minimum") is { ValueKind: JsonValueKind.Number } min && n < min.GetDouble())
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {text}: {path} in body should be greater than or equal to {min.GetRawText()}", path));
            }

            if (Schema.Get(schema, "maximum") is { ValueKind: JsonValueKind.Number } max && n > max.GetDouble())
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {text}: {path} in body should be less than or equal to {max.GetRawText()}", path));
            }
        }

        private static bool Matches(string s, string pattern)
        {
            try
            {
                return Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                return true;
            }
            catch (RegexMatchTimeoutException)
            {
                return true;
            }
        }
    }
}
