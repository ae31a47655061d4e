using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Selectors;

/// <summary>The selectable fields of each kind (as upstream) and how to read them from a stored object.</summary>
internal static class FieldValues
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal) { "metadata.name", "metadata.namespace" };

    private static readonly Dictionary<string, string> EventFields = new(StringComparer.Ordinal)
    {
        ["involvedObject.kind"] = "involvedObject.kind",
        ["involvedObject.namespace"] = "involvedObject.namespace",
        ["involvedObject.name"] = "involvedObject.name",
        ["involvedObject.uid"] = "involvedObject.uid",
        ["involvedObject.apiVersion"] = "involvedObject.apiVersion",
        ["involvedObject.resourceVersion"] = "involvedObject.resourceVersion",
        ["involvedObject.fieldPath"] = "involvedObject.fieldPath",
        ["reason"] = "reason",
        ["reportingComponent"] = "reportingComponent",
        ["source"] = "source.component",
        ["type"] = "type",
    };

    public static bool Supports(ResourceDefinition def, string field) =>
        Common.Contains(field) || def.Table switch
        {
            TableStyle.Secret => field == "type",
            TableStyle.Namespace => field == "status.phase",
            TableStyle.Event => EventFields.ContainsKey(field),
            _ => false,
        };

    /// <summary>The field's value as a string; absent fields read as "".</summary>
    public static string Get(StoredObject obj, string field) => field switch
    {
        "metadata.name" => obj.Name,
        "metadata.namespace" => obj.Namespace,
        _ => Path(obj.Root, EventFields.GetValueOrDefault(field, field)),
    };

    private static string Path(JsonElement root, string dotted)
    {
        var current = root;
        foreach (var part in dotted.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return "";
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString()!,
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => current.GetRawText(),
        };
    }
}
