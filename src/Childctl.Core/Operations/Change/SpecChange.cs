using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.Core.Operations;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Change;

/// <summary>
/// The shared way scale and upgrade change a spec, inside a <see cref="RecordedChange"/>: read the cluster, let the caller
/// compute the patch from what it read, record the intent (with the generation and resourceVersion the patch is
/// conditional on), send it as a merge patch conditional on that resourceVersion together with the provenance stamp, and
/// start over (a few times) when something else wrote in between, so the recorded "before" is exactly what was replaced.
/// A conflict met by a retry after a lost answer is the earlier attempt's own write when the object now carries this
/// operation's stamp: that is success, with the first "before".
/// </summary>
internal static class SpecChange
{
    private const int MaxAttempts = 3;

    public static async Task<(ClusterDeployment Before, ClusterDeployment After)> ApplyAsync(
        ManagementApi api, RecordedChange.Change change, OperationContext operation, string action, string ns, string name,
        Func<ClusterDeployment, JsonObject> specPatch, Func<ClusterDeployment, IReadOnlyDictionary<string, string>> intent, CancellationToken cancellationToken)
    {
        ClusterDeployment? first = null;
        for (var attempt = 1; ; attempt++)
        {
            var before = ClusterDeploymentReader.Read(await api.GetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken));
            if (first is not null && change.Intent is not null && Stamp(before) == operation.Id)
            {
                return (first, before);
            }

            if (PhaseRule.Evaluate(before).Phase == ClusterPhase.Deleting)
            {
                throw ChildctlException.InvalidInput($"ClusterDeployment \"{name}\" in namespace \"{ns}\" is being deleted: it cannot be {action}d");
            }

            first ??= before;
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = before.ResourceVersion,
                    ["annotations"] = ProvenanceAnnotations.For(operation, action),
                },
                ["spec"] = specPatch(before),
            };
            await change.IntendAsync(new Dictionary<string, string>(intent(before), StringComparer.Ordinal)
            {
                [ChangeEvidence.PlannedGeneration] = before.Generation.ToString(CultureInfo.InvariantCulture),
                [ChangeEvidence.PlannedResourceVersion] = before.ResourceVersion,
            });
            try
            {
                JsonElement after = await change.SendAsync(ct => api.MergePatchAsync(K0rdentKinds.ClusterDeployment, ns, name, patch, ct));
                return (first, ClusterDeploymentReader.Read(after));
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.Conflict && attempt < MaxAttempts)
            {
            }
        }
    }

    private static string? Stamp(ClusterDeployment cluster) =>
        JsonPath.Find(cluster.Raw, "metadata", "annotations", ProvenanceAnnotations.Operation)?.GetString();
}
