using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Shared.ValuesSchema;

/// <summary>The keywords of objects (properties, patterns, additional and required keys, counts) and arrays (items, tuples, counts, uniqueness).</summary>
internal sealed partial class ValuesSchemaEvaluator
{
    private void CheckObject(JsonObject schema, JsonObject obj, string pointer, List<SchemaFinding> findings, int depth)
    {
        var properties = schema["properties"] as JsonObject;
        var missing = Strings(schema["required"]).Where(r => !obj.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            findings.Add(new(pointer, "required", schema, obj, missing));
        }

        Count(schema, "minProperties", obj.Count, (n, min) => n < min, pointer, obj, findings);
        Count(schema, "maxProperties", obj.Count, (n, max) => n > max, pointer, obj, findings);
        var patterns = (schema["patternProperties"] as JsonObject ?? []).Select(p => (Regex: Pattern(p.Key), Schema: p.Value as JsonObject)).ToList();
        var extra = new List<string>();
        foreach (var (key, child) in obj)
        {
            var at = pointer + "/" + Escape(key);
            var declared = false;
            if (properties?[key] is JsonObject property)
            {
                declared = true;
                Check(property, child, at, findings, depth + 1);
            }

            foreach (var (regex, patternSchema) in patterns.Where(p => p.Regex.IsMatch(key)))
            {
                declared = true;
                if (patternSchema is not null)
                {
                    Check(patternSchema, child, at, findings, depth + 1);
                }
            }

            if (declared)
            {
                continue;
            }

            switch (schema["additionalProperties"])
            {
                case JsonObject additional:
                    Check(additional, child, at, findings, depth + 1);
                    break;
                case JsonValue flag when flag.GetValueKind() == JsonValueKind.False:
                    extra.Add(key);
                    break;
            }
        }

        if (extra.Count > 0)
        {
            findings.Add(new(pointer, "additionalProperties", schema, obj, extra));
        }
    }

    private void CheckArray(JsonObject schema, JsonArray array, string pointer, List<SchemaFinding> findings, int depth)
    {
        Count(schema, "minItems", array.Count, (n, min) => n < min, pointer, array, findings);
        Count(schema, "maxItems", array.Count, (n, max) => n > max, pointer, array, findings);
        if (schema["uniqueItems"] is JsonValue unique && unique.GetValueKind() == JsonValueKind.True
            && array.Select((item, i) => array.Take(i).Any(earlier => JsonNode.DeepEquals(earlier, item))).Any(dup => dup))
        {
            findings.Add(new(pointer, "uniqueItems", schema, array, []));
        }

        var prefix = schema["prefixItems"] as JsonArray ?? schema["items"] as JsonArray ?? [];
        var rest = schema["items"] as JsonObject ?? (schema["items"] is JsonArray ? schema["additionalItems"] as JsonObject : null);
        for (var i = 0; i < array.Count; i++)
        {
            var itemSchema = i < prefix.Count ? prefix[i] as JsonObject : rest;
            if (itemSchema is not null)
            {
                Check(itemSchema, array[i], string.Create(CultureInfo.InvariantCulture, $"{pointer}/{i}"), findings, depth + 1);
            }
        }
    }
}
