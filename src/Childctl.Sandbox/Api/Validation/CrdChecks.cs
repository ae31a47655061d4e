using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Validation;

/// <summary>The structural checks the apiserver makes on a CustomResourceDefinition before serving it.</summary>
internal static class CrdChecks
{
    public static IEnumerable<StatusCause> Check(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject;
        var group = Text(spec?["group"]);
        var names = spec?["names"] as JsonObject;
        var plural = Text(names?["plural"]);
        if (group.Length == 0)
        {
            yield return Required("spec.group");
        }

        if (plural.Length == 0)
        {
            yield return Required("spec.names.plural");
        }

        if (Text(names?["kind"]).Length == 0)
        {
            yield return Required("spec.names.kind");
        }

        if (Text(spec?["scope"]) is not ("Namespaced" or "Cluster"))
        {
            yield return new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{Text(spec?["scope"])}\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope");
        }

        var versions = (spec?["versions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count == 0)
        {
            yield return Required("spec.versions");
        }
        else if (versions.Count(v => v["storage"]?.GetValueKind() == System.Text.Json.JsonValueKind.True) != 1)
        {
            yield return new StatusCause("FieldValueInvalid", "Invalid value: must have exactly one version marked as storage version", "spec.versions");
        }

        var name = ObjectMeta.Name(crd) ?? "";
        if (plural.Length > 0 && group.Length > 0 && name != $"{plural}.{group}")
        {
            yield return new StatusCause("FieldValueInvalid", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group", "metadata.name");
        }
    }

    private static StatusCause Required(string field) => new("FieldValueRequired", "Required value", field);

    private static string Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : "";
}
