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
/// The shared way scale, upgrade, set config and edit change a spec: read the cluster (or take the read the caller
/// just made, for the first attempt), let the caller check and compute the patch from what it read, send it as a merge patch conditional on that resourceVersion together with the provenance stamp, and start
/// over (a few times) when something else wrote in between, so the recorded "before" is exactly what was replaced.
/// </summary>
internal static class SpecChange
{
    private const int MaxAttempts = 3;

    public static async Task<(ClusterDeployment Before, ClusterDeployment After)> ApplyAsync(
        ManagementApi api, OperationContext operation, string action, string ns, string name,
        Func<ClusterDeployment, JsonObject> specPatch, CancellationToken cancellationToken, ClusterDeployment? first = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = attempt == 1 && first is not null
                ? first
                : ClusterDeploymentReader.Read(await api.GetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken));
            if (PhaseRule.Evaluate(before).Phase == ClusterPhase.Deleting)
            {
                throw ChildctlException.InvalidInput($"ClusterDeployment \"{name}\" in namespace \"{ns}\" is being deleted: it cannot be {action}d");
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = before.ResourceVersion,
                    ["annotations"] = ProvenanceAnnotations.For(operation, action),
                },
                ["spec"] = specPatch(before),
            };
            try
            {
                JsonElement after = await api.MergePatchAsync(K0rdentKinds.ClusterDeployment, ns, name, patch, cancellationToken);
                return (before, ClusterDeploymentReader.Read(after));
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.Conflict && attempt < MaxAttempts)
            {
            }
        }
    }
}
