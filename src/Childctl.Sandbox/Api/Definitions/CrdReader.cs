using System.Text.Json.Nodes;
using System.Text.Json;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Definitions;

/// <summary>Turns a stored CustomResourceDefinition into one <see cref="ResourceDefinition"/> per served version.</summary>
internal static class CrdReader
{
    public static List<ResourceDefinition> Read(JsonElement crd)
    {
        var result = new List<ResourceDefinition>();
        if (JsonElements.Child(crd, "spec") is not { } spec || JsonElements.Child(spec, "names") is not { } names)
        {
            return result;
        }

        var group = JsonElements.String(spec, "group") ?? "";
        var plural = JsonElements.String(names, "plural") ?? "";
        var kind = JsonElements.String(names, "kind") ?? "";
        var namespaced = JsonElements.String(spec, "scope") != "Cluster";
        var singular = JsonElements.String(names, "singular") ?? kind.ToLowerInvariant();
        var listKind = JsonElements.String(names, "listKind") ?? kind + "List";
        var versions = JsonElements.Child(spec, "versions");
        if (versions is not { ValueKind: JsonValueKind.Array } || plural.Length == 0 || kind.Length == 0)
        {
            return result;
        }

        foreach (var v in versions.Value.EnumerateArray().Where(v => JsonElements.Child(v, "served") is { ValueKind: JsonValueKind.True }))
        {
            var type = new ResourceType(group, JsonElements.String(v, "name") ?? "", plural, kind, namespaced);
            var hasStatus = JsonElements.Child(v, "subresources") is { } sub && JsonElements.Child(sub, "status") is not null;
            var schema = JsonElements.Child(v, "schema") is { } s ? JsonElements.Child(s, "openAPIV3Schema") : null;
            result.Add(new ResourceDefinition(type, singular, listKind, JsonElements.Strings(names, "shortNames"), JsonElements.Strings(names, "categories"),
                hasStatus, IsCustomResource: true, TableStyle.Custom, Columns(v), schema));
        }

        return result;
    }

    private static List<PrinterColumn> Columns(JsonElement version)
    {
        if (JsonElements.Child(version, "additionalPrinterColumns") is not { ValueKind: JsonValueKind.Array } columns)
        {
            return [];
        }

        return columns.EnumerateArray().Select(c => new PrinterColumn(
            JsonElements.String(c, "name") ?? "",
            JsonElements.String(c, "type") ?? "string",
            JsonElements.String(c, "jsonPath") ?? "",
            JsonElements.String(c, "description") ?? "",
            JsonElements.Child(c, "priority") is { ValueKind: JsonValueKind.Number } p ? p.GetInt32() : 0,
            JsonElements.String(c, "format") ?? "")).ToList();
    }
}

/// <summary>Reads the YAML files compiled into the assembly (our built-in CRDs and core schemas).</summary>
internal static class EmbeddedYaml
{
    public static JsonNode Read(string fileName)
    {
        using var stream = typeof(EmbeddedYaml).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"embedded resource {fileName} is missing");
        using var reader = new StreamReader(stream);
        return YamlJson.ReadOne(reader.ReadToEnd()) ?? throw new InvalidOperationException($"embedded resource {fileName} is empty");
    }
}
