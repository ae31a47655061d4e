using System.Text.Json.Nodes;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// Builds and reads ClusterDeployment manifests as JSON objects. The object is kept as JSON, not a typed
/// record, because <c>spec.config</c> is free-form Helm values and a file given with <c>-f</c> may carry
/// fields childctl does not know; all of it must reach the API unchanged.
/// </summary>
internal static class ClusterDeploymentManifest
{
    public const string ApiVersion = "k0rdent.mirantis.com/v1beta1";
    public const string Kind = "ClusterDeployment";

    /// <summary>
    /// The manifest for <c>create PROVIDER NAME</c>. <c>spec.config</c> is always present: without it k0rdent's
    /// webhook fills in the template defaults and turns <c>spec.dryRun</c> on (REFERENCE.md §2). Labels and
    /// annotations go on the ClusterDeployment itself, as the scripts did; k0rdent copies the labels to the
    /// child cluster (clusterLabels) unless config says otherwise.
    /// </summary>
    public static JsonObject Build(
        string name,
        string ns,
        string template,
        string credential,
        JsonObject config,
        IReadOnlyDictionary<string, string>? labels,
        IReadOnlyDictionary<string, string>? annotations,
        bool k0rdentDryRun)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is { Count: > 0 })
        {
            metadata["labels"] = ToObject(labels);
        }

        if (annotations is { Count: > 0 })
        {
            metadata["annotations"] = ToObject(annotations);
        }

        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["template"] = template,
                ["credential"] = credential,
                ["dryRun"] = k0rdentDryRun,
                ["config"] = config,
            },
        };
    }

    public static string? Name(JsonObject manifest) => Metadata(manifest)?["name"]?.GetValue<string>();

    public static string? Namespace(JsonObject manifest) => Metadata(manifest)?["namespace"]?.GetValue<string>();

    public static JsonObject? Spec(JsonObject manifest) => manifest["spec"] as JsonObject;

    public static string? SpecString(JsonObject manifest, string key) =>
        Spec(manifest)?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static JsonObject? Metadata(JsonObject manifest) => manifest["metadata"] as JsonObject;

    private static JsonObject ToObject(IReadOnlyDictionary<string, string> pairs)
    {
        var result = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            result[key] = value;
        }

        return result;
    }
}
