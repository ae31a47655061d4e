using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Api.Definitions;

/// <summary>
/// The apimachinery meta types (ObjectMeta and what it refers to) as OpenAPI v3 components, and ObjectMeta with
/// its references resolved, which pruning and validation walk.
/// </summary>
internal static class MetaSchemas
{
    public const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    public const string RefPrefix = "#/components/schemas/";

    private static readonly Lazy<JsonObject> Loaded = new(() => EmbeddedYaml.Read("meta-schemas.yaml").AsObject());
    private static readonly Lazy<JsonElement> Inlined = new(() => JsonElements.From(Inline(Loaded.Value[ObjectMeta]!.DeepClone(), 0)!));

    /// <summary>Component name → schema (with <c>#/components/schemas/</c> references), for the OpenAPI documents.</summary>
    public static JsonObject Components => Loaded.Value;

    /// <summary>ObjectMeta with every reference replaced by the schema it names.</summary>
    public static JsonElement ObjectMetaInline => Inlined.Value;

    /// <summary>What a kind's <c>metadata</c> property is in a published document: a reference to ObjectMeta, as upstream writes it.</summary>
    public static JsonObject MetadataProperty(string prefix = RefPrefix) => new()
    {
        ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = prefix + ObjectMeta }),
        ["default"] = new JsonObject(),
        ["description"] = "Standard object metadata: name, namespace, labels, annotations and the fields the server keeps.",
    };

    /// <summary>Resolves <c>$ref</c> and single-reference <c>allOf</c> (keeping the sibling keywords, such as a description).</summary>
    private static JsonNode? Inline(JsonNode? node, int depth)
    {
        if (depth > 16)
        {
            throw new InvalidOperationException("meta schemas refer to each other too deeply");
        }

        switch (node)
        {
            case JsonObject obj:
                var target = obj["$ref"] is JsonValue r ? r.GetValue<string>()
                    : obj["allOf"] is JsonArray { Count: 1 } all && all[0]?["$ref"] is JsonValue ar ? ar.GetValue<string>() : null;
                if (target is not null)
                {
                    var resolved = Inline(Loaded.Value[target[RefPrefix.Length..]]!.DeepClone(), depth + 1)!.AsObject();
                    foreach (var (key, value) in obj.Where(p => p.Key is not ("$ref" or "allOf" or "default")).ToList())
                    {
                        resolved[key] = value?.DeepClone();
                    }

                    return resolved;
                }

                foreach (var (key, value) in obj.ToList())
                {
                    obj[key] = Inline(value?.DeepClone(), depth + 1);
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Inline(array[i]?.DeepClone(), depth + 1);
                }

                return array;
            default:
                return node;
        }
    }
}
