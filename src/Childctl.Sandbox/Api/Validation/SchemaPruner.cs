using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Definitions;

namespace Childctl.Sandbox.Api.Validation;

/// <summary>
/// The decoding half of a structural schema: removes fields the schema does not know (recording their paths for
/// fieldValidation), drops nulls the schema does not allow, and fills in defaults of absent fields — in that order,
/// like the apiserver. Metadata is checked against ObjectMeta instead of the CRD's schema.
/// </summary>
internal sealed class SchemaPruner
{
    public List<string> UnknownFields { get; } = [];

    public void PruneRoot(JsonObject obj, JsonElement schema)
    {
        foreach (var (key, value) in obj.ToList())
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            if (key == "metadata")
            {
                Prune(value, CoreDefinitions.ObjectMetaSchema, "metadata", applyDefaults: false);
            }
            else if (Schema.Property(schema, key) is { } child)
            {
                Prune(value, child, key, applyDefaults: true);
            }
            else if (!Schema.PreservesUnknown(schema))
            {
                UnknownFields.Add(key);
                obj.Remove(key);
            }
        }

        ApplyDefaults(obj, schema, "");
    }

    private void Prune(JsonNode? node, JsonElement schema, string path, bool applyDefaults)
    {
        switch (node)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, applyDefaults);
                break;
            case JsonArray array when Schema.Get(schema, "items") is { ValueKind: JsonValueKind.Object } items:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(array[i], items, $"{path}[{i}]", applyDefaults);
                }

                break;
        }
    }

    private void PruneObject(JsonObject obj, JsonElement schema, string path, bool applyDefaults)
    {
        var additional = Schema.AdditionalProperties(schema);
        var preserve = Schema.PreservesUnknown(schema) || Schema.Flag(schema, "x-kubernetes-embedded-resource");
        foreach (var (key, value) in obj.ToList())
        {
            var childPath = Schema.Child(path, key);
            var childSchema = Schema.Property(schema, key) ?? (additional is { ValueKind: JsonValueKind.Object } a ? a : null);
            if (childSchema is { } s)
            {
                if (value is null && !Schema.Flag(s, "nullable"))
                {
                    obj.Remove(key);
                    continue;
                }

                Prune(value, s, childPath, applyDefaults);
            }
            else if (additional is null && !preserve)
            {
                UnknownFields.Add(childPath);
                obj.Remove(key);
            }
        }

        if (applyDefaults)
        {
            ApplyDefaults(obj, schema, path);
        }
    }

    private void ApplyDefaults(JsonObject obj, JsonElement schema, string path)
    {
        if (Schema.Get(schema, "properties") is not { ValueKind: JsonValueKind.Object } props)
        {
            return;
        }

        foreach (var p in props.EnumerateObject())
        {
            if (!obj.ContainsKey(p.Name) && Schema.Get(p.Value, "default") is { } def)
            {
                var value = JsonElements.ToNode(def);
                obj[p.Name] = value;
                Prune(value, p.Value, Schema.Child(path, p.Name), applyDefaults: true);
            }
        }
    }
}
