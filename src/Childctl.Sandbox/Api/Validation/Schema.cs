using System.Text.Json;

namespace Childctl.Sandbox.Api.Validation;

/// <summary>Accessors for the structural-schema keywords of a CRD's openAPIV3Schema.</summary>
internal static class Schema
{
    public static JsonElement? Get(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var v) ? v : null;

    public static bool Flag(JsonElement schema, string keyword) => Get(schema, keyword) is { ValueKind: JsonValueKind.True };

    public static string? Type(JsonElement schema) => Get(schema, "type") is { ValueKind: JsonValueKind.String } t ? t.GetString() : null;

    public static JsonElement? Property(JsonElement schema, string name) =>
        Get(schema, "properties") is { ValueKind: JsonValueKind.Object } props && props.TryGetProperty(name, out var p) ? p : null;

    /// <summary>The schema of map values, when additionalProperties is a schema (true counts as "anything").</summary>
    public static JsonElement? AdditionalProperties(JsonElement schema) =>
        Get(schema, "additionalProperties") is { ValueKind: JsonValueKind.Object or JsonValueKind.True } a ? a : null;

    public static bool PreservesUnknown(JsonElement schema) => Flag(schema, "x-kubernetes-preserve-unknown-fields");

    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
