using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.Core.Operations;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Text;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Delete;

/// <summary>
/// Carrying out a plan. Per cluster, as a recorded change: stamp provenance with a merge patch conditional on the planned
/// resourceVersion, then DELETE with preconditions uid + the stamped resourceVersion. When a precondition fails, the object
/// is read again: a new uid, a new generation (spec) or other labels mean it changed since the plan and it is refused; a
/// resourceVersion moved only by k0rdent's status writes is not a change, and the step is tried again (a few times).
/// </summary>
public sealed partial class DeleteClustersService
{
    private const int MaxAttempts = 3;

    internal async Task<IReadOnlyList<DeleteItemResult>> ExecuteAsync(DeletePlan plan, string? reason, IDeleteInteraction? interaction, CancellationToken cancellationToken)
    {
        var recorder = session.Recorder(reason);
        var results = new DeleteItemResult[plan.Items.Count];
        var gate = new Lock();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Items.Count), options, async (index, ct) =>
        {
            var item = plan.Items[index];
            var result = item.DeletionRequestedAt is { } requested
                ? new DeleteItemResult(item, DeleteOutcome.AlreadyDeleting,
                    $"already being deleted (requested {DurationText.Format(session.Time.GetUtcNow() - requested)} ago); nothing sent")
                : await DeleteRecordedAsync(recorder, plan, item, ct);
            results[index] = result;
            lock (gate)
            {
                interaction?.OnResult(result);
            }
        });
        return results;
    }

    /// <summary>One cluster's delete as a recorded change: refused when its history cannot take the record, recorded either way.</summary>
    private async Task<DeleteItemResult> DeleteRecordedAsync(HistoryRecorder recorder, DeletePlan plan, DeletePlanItem item, CancellationToken cancellationToken)
    {
        var parameters = Parameters(plan, item);
        var target = new RecordedChange.Target(item.Namespace, item.Name, HistoryActions.ClusterDeleteFailed) { Uid = item.Uid, FailureParameters = parameters };
        try
        {
            return await RecordedChange.RunAsync(recorder, target, async _ =>
            {
                var result = await DeleteOneAsync(recorder.Operation, item, cancellationToken);
                if (result.Outcome == DeleteOutcome.AlreadyGone)
                {
                    await recorder.RecordObservedAsync(item.Namespace, item.Name,
                        ObservedTransitions.Deleted(item.Uid, item.CreationTimestamp, null, session.Time.GetUtcNow(), sawItGo: false), cancellationToken);
                    return (result, (OperationRecord?)null);
                }

                return (result, new OperationRecord(HistoryActions.ClusterDeleted, item.Uid, parameters, result.Message));
            }, cancellationToken);
        }
        catch (ChildctlException e) when (!target.Started)
        {
            return new DeleteItemResult(item, DeleteOutcome.Failed, $"its deletion could not be recorded: {e.Message}", e.Kind);
        }
        catch (ChildctlException e) when (e is RefusedException)
        {
            return new DeleteItemResult(item, DeleteOutcome.Refused, e.Message);
        }
        catch (ChildctlException e)
        {
            return new DeleteItemResult(item, DeleteOutcome.Failed, e.Message, e.Kind);
        }
    }

    /// <summary>Stamps provenance and deletes with the planned uid and the stamped resourceVersion; a refusal throws <see cref="RefusedException"/>.</summary>
    private async Task<DeleteItemResult> DeleteOneAsync(OperationContext operation, DeletePlanItem item, CancellationToken cancellationToken)
    {
        var api = session.Api;
        var resourceVersion = item.ResourceVersion;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stamped = await api.MergePatchAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, Stamp(operation, resourceVersion), cancellationToken);
                var stampedVersion = JsonPath.Find(stamped, "metadata", "resourceVersion")?.GetString() ?? resourceVersion;
                await api.DeleteAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, item.Uid, stampedVersion, cancellationToken);
                return new DeleteItemResult(item, DeleteOutcome.Deleted, "deletion accepted");
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
            {
                return new DeleteItemResult(item, DeleteOutcome.AlreadyGone, "already gone");
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.Conflict)
            {
                var (changed, current) = await RecheckAsync(item, cancellationToken);
                if (changed == "gone")
                {
                    return new DeleteItemResult(item, DeleteOutcome.AlreadyGone, "already gone");
                }

                if (changed is not null || attempt == MaxAttempts)
                {
                    throw new RefusedException($"refused: {changed ?? "kept changing"} since the plan; not deleted");
                }

                resourceVersion = current!;
            }
        }
    }

    /// <summary>What changed since the plan ("gone", "recreated", ...), or null and the current resourceVersion when only status moved.</summary>
    private async Task<(string? Changed, string? ResourceVersion)> RecheckAsync(DeletePlanItem item, CancellationToken cancellationToken)
    {
        var raw = await session.Api.TryGetAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, cancellationToken);
        if (raw is not { } element)
        {
            return ("gone", null);
        }

        var now = ClusterDeploymentReader.Read(element);
        if (now.Uid != item.Uid)
        {
            return ($"recreated (uid {now.Uid}, planned {item.Uid})", null);
        }

        if (now.Generation != item.Generation)
        {
            return ($"spec changed (generation {now.Generation}, planned {item.Generation})", null);
        }

        var sameLabels = now.Labels.Count == item.Labels.Count && now.Labels.All(kv => item.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
        return sameLabels ? (null, now.ResourceVersion) : ("labels changed", null);
    }

    private static JsonObject Stamp(OperationContext operation, string resourceVersion) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["resourceVersion"] = resourceVersion,
            ["annotations"] = ProvenanceAnnotations.For(operation, "delete"),
        },
    };

    private static Dictionary<string, string> Parameters(DeletePlan plan, DeletePlanItem item)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["selection"] = plan.Selection.Describe(),
            ["planned_resource_version"] = item.ResourceVersion,
            ["phase"] = item.Phase,
        };
        AddIf(parameters, "provider", item.Provider);
        AddIf(parameters, "region", item.Region);
        return parameters;
    }

    private static void AddIf(Dictionary<string, string> into, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            into[key] = value;
        }
    }

    /// <summary>The delete's preconditions refused it: the cluster changed or was recreated since the plan.</summary>
    private sealed class RefusedException(string message) : ChildctlException(ErrorKind.Conflict, message);
}
