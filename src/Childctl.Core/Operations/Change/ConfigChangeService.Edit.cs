using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Create;
using Childctl.Core.Operations.Wait;

namespace Childctl.Core.Operations.Change;

/// <summary><c>edit NAME</c>: the cluster's spec in the user's editor.</summary>
public sealed record EditRequest(string Name)
{
    /// <summary>Change it even on top of a change in flight, or to an even control-plane count; recorded as forced.</summary>
    public bool Force { get; init; }

    public TimeSpan? Wait { get; init; }

    public string? Reason { get; init; }
}

/// <summary>The editor of <c>edit</c>: shows the document (or the text saved last, with why it was refused) and returns the text saved.</summary>
public interface IEditInteraction
{
    /// <param name="document">The object to edit: apiVersion, kind, metadata.name and namespace, spec.</param>
    /// <param name="refusedText">The text saved last time, when it was refused; null the first time.</param>
    /// <param name="problem">Why that text was refused.</param>
    Task<string> EditAsync(JsonObject document, string? refusedText, string? problem, CancellationToken cancellationToken);
}

public sealed partial class ConfigChangeService
{
    private const string EditAction = "edit";

    /// <summary>
    /// As <c>kubectl edit</c>: opens the spec in the editor, and when the saved text is refused (not YAML, a name or kind
    /// changed, or any pre-flight check) opens it again with the reason on top, until it passes; an empty file or the
    /// refused text saved again unchanged ends the edit without a change (the latter exit 2 with the reason). A cluster
    /// the guard refuses is refused before the editor opens. The patch is conditional on the object read before editing.
    /// </summary>
    public async Task<ConfigChangeResult> EditAsync(EditRequest request, IEditInteraction editor, IChangeObserver<ConfigChangeResult>? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(editor);
        var ns = session.OneNamespace("edit");
        var current = await ReadAsync(ns, request.Name, cancellationToken);
        ChangeGuard.Check(current, SpecChangeKind.Config, request.Force);
        var document = Document(current);
        string? refused = null;
        string? problem = null;
        while (true)
        {
            var text = await editor.EditAsync(document, refused, problem, cancellationToken);
            if (IsBlank(text))
            {
                return await FinishAsync(Unchanged(ns, current, request), [], null, observer, cancellationToken);
            }

            if (refused is not null && Body(text) == Body(refused))
            {
                throw ChildctlException.InvalidInput($"edit of ClusterDeployment \"{current.Name}\" abandoned, nothing changed: {problem}");
            }

            PlannedChange change;
            IReadOnlyList<string> forced;
            try
            {
                var spec = EditedSpec(ManifestReader.Read(text, "the edited file"), document);
                change = new PlannedChange(ns, current, request.Force, request.Reason, EditAction, _ => (JsonObject)spec.DeepClone()) { Recomputable = false };
                forced = await CheckAsync(change, spec, cancellationToken);
            }
            catch (ChildctlException e) when (e.Kind is ErrorKind.InvalidInput or ErrorKind.NotFound)
            {
                (refused, problem) = (text, e.Message);
                continue;
            }

            return await FinishAsync(change, forced, request.Wait, observer, cancellationToken);
        }
    }

    /// <summary>What the editor shows: the object's identity and its spec; status and server-managed metadata left out.</summary>
    private static JsonObject Document(ClusterDeployment cluster) => new()
    {
        ["apiVersion"] = ClusterDeploymentManifest.ApiVersion,
        ["kind"] = ClusterDeploymentManifest.Kind,
        ["metadata"] = new JsonObject { ["name"] = cluster.Name, ["namespace"] = cluster.Namespace },
        ["spec"] = SpecOf(cluster),
    };

    /// <summary>The edited spec; anything but the spec changed is refused, since only the spec is edited here.</summary>
    private static JsonObject EditedSpec(JsonObject edited, JsonObject document)
    {
        foreach (var (field, value) in new[]
                 {
                     ("apiVersion", edited["apiVersion"]), ("kind", edited["kind"]),
                     ("metadata.name", edited["metadata"]?["name"]), ("metadata.namespace", edited["metadata"]?["namespace"]),
                 })
        {
            var original = field.StartsWith("metadata.", StringComparison.Ordinal) ? document["metadata"]![field["metadata.".Length..]] : document[field];
            if (!JsonNode.DeepEquals(original, value))
            {
                throw ChildctlException.InvalidInput($"{field} cannot be changed here (it was {original?.ToJsonString()}): only spec can be edited");
            }
        }

        var unknown = edited.Select(p => p.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata" or "spec")).ToList();
        if (unknown.Count > 0 || (edited["metadata"] as JsonObject)?.Count > 2)
        {
            throw ChildctlException.InvalidInput("only spec can be edited here: remove the fields added outside spec");
        }

        return edited["spec"] as JsonObject ?? throw ChildctlException.InvalidInput("spec is missing: the edit must keep the cluster's spec");
    }

    private static PlannedChange Unchanged(string ns, ClusterDeployment current, EditRequest request) =>
        new(ns, current, request.Force, request.Reason, EditAction, SpecOf);

    /// <summary>The text without its comment lines, so the reason shown on top does not count as a change.</summary>
    private static string Body(string text) =>
        string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('#'))).Trim();

    private static bool IsBlank(string text) =>
        text.Split('\n').All(line => line.TrimStart().Length == 0 || line.TrimStart().StartsWith('#'));
}
