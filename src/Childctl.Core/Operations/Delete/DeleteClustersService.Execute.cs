using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations.Provenance;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Text;
using Childctl.History;

namespace Childctl.Core.Operations.Delete;

/// <summary>
/// Carrying out a plan. Per cluster: stamp provenance with a merge patch conditional on the planned resourceVersion,
/// then DELETE with preconditions uid + the stamped resourceVersion. When a precondition fails, the object is read
/// again: a new uid, a new generation (spec) or other labels mean it changed since the plan and it is refused; a
/// resourceVersion moved only by k0rdent's status writes is not a change, and the step is tried again (a few times).
/// </summary>
public sealed partial class DeleteClustersService
{
    private const int MaxAttempts = 3;

    public async Task<IReadOnlyList<DeleteItemResult>> ExecuteAsync(DeletePlan plan, IDeleteObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var results = new DeleteItemResult[plan.Items.Count];
        var gate = new Lock();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Items.Count), options, async (index, ct) =>
        {
            var item = plan.Items[index];
            DeleteItemResult result;
            if (item.DeletionRequestedAt is { } requested)
            {
                result = new DeleteItemResult(item, DeleteOutcome.AlreadyDeleting,
                    $"already being deleted (requested {DurationText.Format(_time.GetUtcNow() - requested)} ago); nothing sent");
            }
            else if (await UnrecordableAsync(item, ct) is { } unrecordable)
            {
                result = unrecordable;
            }
            else
            {
                result = await DeleteOneAsync(plan, item, ct);
                await RecordAsync(plan, result, ct);
            }

            results[index] = result;
            lock (gate)
            {
                observer?.OnResult(result);
            }
        });
        return results;
    }

    /// <summary>A failed result when the cluster's history file cannot take the record: a deletion childctl cannot record is not made.</summary>
    private async Task<DeleteItemResult?> UnrecordableAsync(DeletePlanItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _history.EnsureRecordableAsync(item.Namespace, item.Name, cancellationToken);
            return null;
        }
        catch (HistoryException e)
        {
            return new DeleteItemResult(item, DeleteOutcome.Failed, $"its deletion could not be recorded: {e.Message}",
                e.Kind == HistoryErrorKind.Corrupt ? ErrorKind.CorruptHistory : ErrorKind.General);
        }
    }

    private async Task<DeleteItemResult> DeleteOneAsync(DeletePlan plan, DeletePlanItem item, CancellationToken cancellationToken)
    {
        var resourceVersion = item.ResourceVersion;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stamped = await _api.MergePatchAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, Stamp(resourceVersion), cancellationToken);
                var stampedVersion = JsonPath.Find(stamped, "metadata", "resourceVersion")?.GetString() ?? resourceVersion;
                await _api.DeleteAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, item.Uid, stampedVersion, cancellationToken);
                return new DeleteItemResult(item, DeleteOutcome.Deleted, "deletion accepted");
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
            {
                return new DeleteItemResult(item, DeleteOutcome.AlreadyGone, "already gone");
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.Conflict)
            {
                var (changed, current) = await RecheckAsync(item, cancellationToken);
                if (changed is not null || attempt == MaxAttempts)
                {
                    return changed == "gone"
                        ? new DeleteItemResult(item, DeleteOutcome.AlreadyGone, "already gone")
                        : new DeleteItemResult(item, DeleteOutcome.Refused, $"refused: {changed ?? "kept changing"} since the plan; not deleted");
                }

                resourceVersion = current!;
            }
            catch (ChildctlException e)
            {
                return new DeleteItemResult(item, DeleteOutcome.Failed, e.Message, e.Kind);
            }
        }
    }

    /// <summary>What changed since the plan ("gone", "recreated", ...), or null and the current resourceVersion when only status moved.</summary>
    private async Task<(string? Changed, string? ResourceVersion)> RecheckAsync(DeletePlanItem item, CancellationToken cancellationToken)
    {
        var raw = await _api.TryGetAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, cancellationToken);
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

    private JsonObject Stamp(string resourceVersion)
    {
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = resourceVersion,
                ["annotations"] = ProvenanceAnnotations.For(_history.Operation, "delete"),
            },
        };
    }

    private Task RecordAsync(DeletePlan plan, DeleteItemResult result, CancellationToken cancellationToken)
    {
        var item = result.Item;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["selection"] = plan.Selection.Describe(),
            ["planned_resource_version"] = item.ResourceVersion,
            ["phase"] = item.Phase,
        };
        AddIf(parameters, "provider", item.Provider);
        AddIf(parameters, "region", item.Region);
        return result.Outcome switch
        {
            DeleteOutcome.Deleted => _history.RecordAsync(item.Namespace, item.Name,
                new OperationRecord(HistoryActions.ClusterDeleted, item.Uid, parameters, result.Message), cancellationToken),
            DeleteOutcome.AlreadyGone => _history.RecordObservedAsync(item.Namespace, item.Name,
                ObservedTransitions.Deleted(item.Uid, item.CreationTimestamp, null, _time.GetUtcNow()), cancellationToken),
            _ => _history.RecordAsync(item.Namespace, item.Name,
                new OperationRecord(HistoryActions.ClusterDeleteFailed, item.Uid, parameters, Error: result.Message), cancellationToken),
        };
    }

    private static void AddIf(Dictionary<string, string> into, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            into[key] = value;
        }
    }
}
