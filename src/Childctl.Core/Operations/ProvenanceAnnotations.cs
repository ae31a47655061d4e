using System.Text.Json.Nodes;
using Childctl.Core.History;
using Childctl.History.Redaction;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations;

/// <summary>
/// The annotations childctl stamps on every object it creates or changes, so that anyone reading the live
/// object (kubectl, an audit, another operator) can tell a childctl change from others and find it in the
/// local history by operation id. Each stamp replaces the previous one: it describes the last change.
/// Writes also go out with field manager <see cref="FieldManager"/>, so managedFields name childctl too.
/// </summary>
internal static class ProvenanceAnnotations
{
    public const string FieldManager = ApiOptions.ChildctlFieldManager;

    /// <summary>The id of the last childctl operation that changed the object; the history events carry the same id.</summary>
    public const string Operation = "childctl.dev/operation";

    /// <summary>The OS user who ran that operation.</summary>
    public const string Operator = "childctl.dev/operator";

    /// <summary>What it did: create, scale, upgrade or delete.</summary>
    public const string Action = "childctl.dev/action";

    /// <summary>
    /// The --reason given, if any (removed when the last operation gave none, so it never misleads), redacted as
    /// history redacts it: everyone who can read the object can read its annotations.
    /// </summary>
    public const string Reason = "childctl.dev/reason";

    /// <summary>The stamp as an annotations map; a missing reason is a JSON null, which a merge patch reads as "remove".</summary>
    public static JsonObject For(OperationContext operation, string action)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new JsonObject
        {
            [Operation] = operation.Id,
            [Operator] = operation.User,
            [Action] = action,
            [Reason] = SecretPatterns.Redact(operation.Reason),
        };
    }

    /// <summary>Adds the stamp to a whole object's metadata.annotations (for create), dropping a null reason.</summary>
    public static void Stamp(JsonObject manifest, OperationContext operation, string action)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var metadata = manifest["metadata"] as JsonObject ?? new JsonObject();
        manifest["metadata"] = metadata;
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        metadata["annotations"] = annotations;
        foreach (var (key, value) in For(operation, action))
        {
            if (value is null)
            {
                annotations.Remove(key);
            }
            else
            {
                annotations[key] = value.DeepClone();
            }
        }
    }
}
