using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;

namespace Childctl.Sandbox.Api.OpenApi;

/// <summary>Writes one group-version OpenAPI v3 document.</summary>
internal static class GroupVersionWriter
{
    public static void Write(Utf8JsonWriter w, IReadOnlyList<ResourceDefinition> defs)
    {
        w.WriteStartObject();
        w.WriteString("openapi", "3.0.0");
        w.WriteStartObject("info");
        w.WriteString("title", "Kubernetes");
        w.WriteString("version", SandboxVersion.GitVersion);
        w.WriteEndObject();
        w.WriteStartObject("paths");
        foreach (var def in defs)
        {
            WritePaths(w, def);
        }

        w.WriteEndObject();
        w.WriteStartObject("components");
        w.WriteStartObject("schemas");
        foreach (var def in defs)
        {
            w.WritePropertyName(SchemaName(def));
            WriteSchema(w, def);
        }

        foreach (var (name, schema) in MetaSchemas.Components)
        {
            w.WritePropertyName(name);
            schema!.WriteTo(w);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The schema name upstream uses: reversed group for custom kinds, io.k8s.api.core.v1 for core ones.</summary>
    public static string SchemaName(ResourceDefinition def)
    {
        var t = def.Type;
        if (t.Group.Length == 0)
        {
            return $"io.k8s.api.core.{t.Version}.{t.Kind}";
        }

        if (!def.IsCustomResource)
        {
            return $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{t.Version}.{t.Kind}";
        }

        return $"{string.Join('.', t.Group.Split('.').Reverse())}.{t.Version}.{t.Kind}";
    }

    private static void WritePaths(Utf8JsonWriter w, ResourceDefinition def)
    {
        var t = def.Type;
        var prefix = t.Group.Length == 0 ? $"/api/{t.Version}" : $"/apis/{t.Group}/{t.Version}";
        var collection = t.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{t.Plural}" : $"{prefix}/{t.Plural}";
        w.WriteStartObject(collection);
        Operation(w, def, "get", "list", withFieldValidation: false);
        Operation(w, def, "post", "post", withFieldValidation: true);
        w.WriteEndObject();
        w.WriteStartObject($"{collection}/{{name}}");
        Operation(w, def, "get", "get", withFieldValidation: false);
        Operation(w, def, "put", "put", withFieldValidation: true);
        Operation(w, def, "patch", "patch", withFieldValidation: true);
        Operation(w, def, "delete", "delete", withFieldValidation: false);
        w.WriteEndObject();
    }

    private static void Operation(Utf8JsonWriter w, ResourceDefinition def, string method, string action, bool withFieldValidation)
    {
        w.WriteStartObject(method);
        w.WriteString("operationId", $"{action}{def.Type.Kind}");
        if (withFieldValidation)
        {
            w.WriteStartArray("parameters");
            Parameter(w, "fieldValidation", "How the server treats unknown or duplicate fields: Ignore, Warn or Strict.");
            Parameter(w, "fieldManager", "The name of the actor making the change.");
            Parameter(w, "dryRun", "When All, the request is checked and answered but nothing is stored.");
            w.WriteEndArray();
        }

        w.WriteStartObject("responses");
        w.WriteStartObject("200");
        w.WriteString("description", "OK");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("x-kubernetes-action", action);
        w.WritePropertyName("x-kubernetes-group-version-kind");
        Gvk(w, def);
        w.WriteEndObject();
    }

    private static void Parameter(Utf8JsonWriter w, string name, string description)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("in", "query");
        w.WriteString("description", description);
        w.WriteStartObject("schema");
        w.WriteString("type", "string");
        w.WriteEndObject();
        w.WriteBoolean("uniqueItems", true);
        w.WriteEndObject();
    }

    /// <summary>The kind's schema, its <c>metadata</c> a reference to ObjectMeta (as upstream publishes every kind).</summary>
    private static void WriteSchema(Utf8JsonWriter w, ResourceDefinition def)
    {
        w.WriteStartObject();
        if (def.Schema is { ValueKind: JsonValueKind.Object } schema)
        {
            foreach (var p in schema.EnumerateObject())
            {
                if (p.Name == "properties" && p.Value.ValueKind == JsonValueKind.Object)
                {
                    WriteProperties(w, p.Value);
                }
                else
                {
                    p.WriteTo(w);
                }
            }
        }
        else
        {
            w.WriteString("type", "object");
        }

        w.WriteStartArray("x-kubernetes-group-version-kind");
        Gvk(w, def);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter w, JsonElement properties)
    {
        w.WriteStartObject("properties");
        foreach (var p in properties.EnumerateObject())
        {
            if (p.Name == "metadata")
            {
                w.WritePropertyName("metadata");
                MetaSchemas.MetadataProperty().WriteTo(w);
            }
            else
            {
                p.WriteTo(w);
            }
        }

        w.WriteEndObject();
    }

    private static void Gvk(Utf8JsonWriter w, ResourceDefinition def)
    {
        w.WriteStartObject();
        w.WriteString("group", def.Type.Group);
        w.WriteString("version", def.Type.Version);
        w.WriteString("kind", def.Type.Kind);
        w.WriteEndObject();
    }
}
