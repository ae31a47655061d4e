using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Definitions;

namespace Childctl.Sandbox.Api.OpenApi;

/// <summary>
/// The OpenAPI v2 document kubectl falls back to for client-side validation of what the v3 operations do not
/// cover — above all a <c>kind: List</c> file, whose items it checks against these definitions. Each served kind
/// is published as the apiextensions apiserver publishes a CRD in v2 (its structural schema turned into v2:
/// nullable, unknown-field-preserving and item-less parts made untyped; metadata a reference to ObjectMeta) with
/// its x-kubernetes-group-version-kind, plus the meta definitions. No paths: kubectl reads only the definitions.
/// </summary>
internal static class OpenApiV2
{
    private const string DefinitionsPrefix = "#/definitions/";

    public static JsonObject Build(IReadOnlyList<ResourceDefinition> defs)
    {
        var definitions = new JsonObject();
        foreach (var def in defs)
        {
            definitions[GroupVersionWriter.SchemaName(def)] = Kind(def);
        }

        foreach (var (name, schema) in MetaSchemas.Components)
        {
            definitions[name] = Convert(schema!.DeepClone());
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = SandboxVersion.GitVersion },
            ["paths"] = new JsonObject(),
            ["definitions"] = definitions,
        };
    }

    private static JsonObject Kind(ResourceDefinition def)
    {
        var schema = def.Schema is { ValueKind: JsonValueKind.Object } s ? JsonElements.ToNode(s)!.AsObject() : new JsonObject { ["type"] = "object" };
        JsonObject result;
        if (Flag(schema, "x-kubernetes-preserve-unknown-fields"))
        {
            result = new JsonObject { ["type"] = "object" };
        }
        else
        {
            result = Convert(schema).AsObject();
            if (result["properties"] is not JsonObject properties)
            {
                properties = [];
                result["properties"] = properties;
            }

            properties["metadata"] = new JsonObject { ["$ref"] = DefinitionsPrefix + MetaSchemas.ObjectMeta, ["description"] = "Standard object metadata." };
            properties["apiVersion"] ??= new JsonObject { ["type"] = "string" };
            properties["kind"] ??= new JsonObject { ["type"] = "string" };
        }

        result["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject
        {
            ["group"] = def.Type.Group,
            ["kind"] = def.Type.Kind,
            ["version"] = def.Type.Version,
        });
        return result;
    }

    /// <summary>Upstream's ToStructuralOpenAPIV2, applied to every nested schema, plus v3 references made v2 ones.</summary>
    private static JsonNode Convert(JsonNode node)
    {
        if (node is not JsonObject s)
        {
            return node;
        }

        if (s["allOf"] is JsonArray { Count: 1 } all && all[0]?["$ref"] is JsonValue r)
        {
            var reference = new JsonObject { ["$ref"] = DefinitionsPrefix + r.GetValue<string>()[MetaSchemas.RefPrefix.Length..] };
            if (s["description"] is { } description)
            {
                reference["description"] = description.DeepClone();
            }

            return reference;
        }

        foreach (var keyword in (string[])["allOf", "oneOf", "anyOf", "not", "x-kubernetes-validations"])
        {
            s.Remove(keyword);
        }

        var preserve = Flag(s, "x-kubernetes-preserve-unknown-fields");
        if (Flag(s, "nullable"))
        {
            s.Remove("type");
            s.Remove("nullable");
            s.Remove("items");
            s.Remove("properties");
        }

        if (preserve)
        {
            s.Remove("items");
            s.Remove("properties");
        }

        var type = s["type"] is JsonValue t ? t.GetValue<string>() : null;
        if ((type == "array" && s["items"] is null) || (preserve && type == "object") || Flag(s, "x-kubernetes-int-or-string"))
        {
            s.Remove("type");
        }

        if (s["properties"] is JsonObject props)
        {
            var nullable = props.Where(p => p.Value is JsonObject ps && Flag(ps, "nullable")).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            if (nullable.Count > 0 && s["required"] is JsonArray required)
            {
                s["required"] = new JsonArray(required.Where(q => !nullable.Contains(q!.GetValue<string>())).Select(q => q!.DeepClone()).ToArray());
            }

            foreach (var (name, child) in props.ToList())
            {
                props[name] = child is null ? null : Convert(child.DeepClone());
            }
        }

        if (s["items"] is JsonObject items)
        {
            s["items"] = Convert(items.DeepClone());
        }

        if (s["additionalProperties"] is JsonObject additional)
        {
            s["additionalProperties"] = Convert(additional.DeepClone());
        }

        return s;
    }

    private static bool Flag(JsonObject s, string keyword) => s[keyword] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
