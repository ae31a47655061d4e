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
/// Carrying out a plan. Per cluster, as a recorded change: the intent (with the planned uid, generation and
/// resourceVersion), then stamp provenance with a merge patch conditional on the planned resourceVersion, then DELETE
/// with preconditions uid + the stamped resourceVersion. Deleting needs only delete rights: a stamp refused (403) is
/// skipped, the DELETE goes out with the planned resourceVersion, and the record says the stamp was not written. When a
/// precondition fails, the object is read again: a new uid, a new generation (spec) or other labels mean it changed
/// since the plan and it is refused, except that a deletionTimestamp (which raises the generation too) means someone
/// else is already deleting it, and nothing more is sent; a stamp of another delete in progress is not stamped over
/// (the two would only refuse each other). A DELETE whose answer was lost is judged from the object read back. A resourceVersion moved only by k0rdent's status writes is not a change,
/// and the step is tried again (a few times).
/// </summary>
public sealed partial class DeleteClustersService
{
    private const int MaxAttempts = 5;

    internal async Task<IReadOnlyList<DeleteItemResult>> ExecuteAsync(DeletePlan plan, string? reason, IDeleteInteraction? interaction, CancellationToken cancellationToken)
    {
        var recorder = session.Recorder(reason);
        var results = new DeleteItemResult?[plan.Items.Count];
        var gate = new Lock();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism) };
        // The first Ctrl-C stops new deletes from starting; those in flight finish and are recorded.
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Items.Count), options, async (index, _) =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var item = plan.Items[index];
            var result = item.DeletionRequestedAt is { } requested
                ? new DeleteItemResult(item, DeleteOutcome.AlreadyDeleting,
                    $"already being deleted (requested {DurationText.Format(session.Time.GetUtcNow() - requested)} ago); nothing sent")
                : await DeleteRecordedAsync(recorder, plan, item, cancellationToken);
            results[index] = result;
            lock (gate)
            {
                interaction?.OnResult(result);
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
        return results.Select(r => r!).ToList();
    }

    /// <summary>One cluster's delete as a recorded change: refused when its history cannot take the record, recorded either way.</summary>
    private async Task<DeleteItemResult> DeleteRecordedAsync(HistoryRecorder recorder, DeletePlan plan, DeletePlanItem item, CancellationToken cancellationToken)
    {
        var parameters = Parameters(plan, item);
        var target = new RecordedChange.Target(item.Namespace, item.Name, ChangeActions.Delete) { Uid = item.Uid, FailureParameters = parameters };
        try
        {
            return await RecordedChange.RunAsync(session, target, async change =>
            {
                if (item.Cluster is { } planned)
                {
                    await IncarnationTracker.NoticeAsync(session, planned, null, cancellationToken);
                }

                await change.IntendAsync(parameters);
                var (result, stampProblem) = await DeleteOneAsync(change, recorder.Operation, item, cancellationToken);
                var recorded = stampProblem is null ? parameters : new Dictionary<string, string>(parameters, StringComparer.Ordinal) { ["provenance_stamp"] = "not written" };
                var message = stampProblem is null ? result.Message : $"{result.Message}; the provenance stamp was not written ({stampProblem})";
                if (result.Outcome == DeleteOutcome.AlreadyGone)
                {
                    await recorder.RecordObservedAsync(item.Namespace, item.Name,
                        ObservedTransitions.Deleted(item.Uid, item.CreationTimestamp, null, session.Time.GetUtcNow(), sawItGo: false), CancellationToken.None);
                }

                var action = result.Outcome == DeleteOutcome.Deleted ? HistoryActions.ClusterDeleted : HistoryActions.ClusterDeleteSkipped;
                var outcome = new OperationRecord(action, item.Uid, recorded, message, Result: result.Outcome == DeleteOutcome.Deleted ? null : HistoryRecorder.Skipped);
                return (result with { Message = message }, outcome);
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
        catch (RecordedChange.UnknownOutcomeException e)
        {
            return new DeleteItemResult(item, DeleteOutcome.Unknown, e.Message, e.Kind);
        }
        catch (ChildctlException e)
        {
            return new DeleteItemResult(item, DeleteOutcome.Failed, e.Message, e.Kind);
        }
    }

    /// <summary>
    /// Stamps provenance (when allowed) and deletes with the planned uid and the stamped resourceVersion; a refusal throws
    /// <see cref="RefusedException"/>. Returns the result and, when the stamp could not be written, why.
    /// </summary>
    private async Task<(DeleteItemResult Result, string? StampProblem)> DeleteOneAsync(
        RecordedChange.Change change, OperationContext operation, DeletePlanItem item, CancellationToken cancellationToken)
    {
        var api = session.Api;
        var resourceVersion = item.ResourceVersion;
        string? stampProblem = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stampedVersion = resourceVersion;
                if (stampProblem is null)
                {
                    (stampedVersion, stampProblem) = await StampAsync(operation, item, resourceVersion);
                }

                await change.SendAsync(ct => api.DeleteAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, item.Uid, stampedVersion, ct));
                return (new DeleteItemResult(item, DeleteOutcome.Deleted, "deletion accepted"), stampProblem);
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
            {
                // A 404 may name another object (an admission webhook's missing ClusterTemplate): gone only if the read agrees.
                if (!await IsGoneAsync(item, cancellationToken))
                {
                    throw;
                }

                return (new DeleteItemResult(item, DeleteOutcome.AlreadyGone, "already gone"), stampProblem);
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.Conflict)
            {
                var recheck = await RecheckAsync(item, operation, cancellationToken);
                if (recheck.Outcome is { } settled)
                {
                    return (new DeleteItemResult(item, settled, recheck.Changed), stampProblem);
                }

                if (recheck.Changed is not null || attempt == MaxAttempts)
                {
                    throw new RefusedException($"refused: {recheck.Changed ?? "kept changing"} since the plan; not deleted");
                }

                resourceVersion = recheck.ResourceVersion!;
                // Another delete stamped it meanwhile: stamping again would only make the two refuse each other.
                stampProblem ??= recheck.OtherDelete is { } other ? $"another delete (operation {other}) stamped it first" : null;
            }
        }
    }

    /// <summary>Whether the planned incarnation is gone: no object under its name, or another incarnation.</summary>
    private async Task<bool> IsGoneAsync(DeletePlanItem item, CancellationToken cancellationToken) =>
        await session.Api.TryGetAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, cancellationToken) is not { } live
        || JsonPath.Find(live, "metadata", "uid")?.GetString() != item.Uid;

    /// <summary>
    /// The provenance stamp, conditional on the planned resourceVersion: the version it made, or the planned one and why
    /// not when the server refused it (403; a webhook's 404 or 400/422): a stamp is worth having, not worth a refused delete.
    /// A conflict is the caller's (the object moved); a 404 because the object is gone shows again on the DELETE.
    /// </summary>
    private async Task<(string Version, string? Problem)> StampAsync(OperationContext operation, DeletePlanItem item, string resourceVersion)
    {
        try
        {
            var stamped = await session.Api.MergePatchAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, Stamp(operation, resourceVersion), session.Options.Abandon);
            return (JsonPath.Find(stamped, "metadata", "resourceVersion")?.GetString() ?? resourceVersion, null);
        }
        catch (ChildctlException e) when (e.Kind is ErrorKind.PermissionDenied or ErrorKind.NotFound or ErrorKind.InvalidInput)
        {
            return (resourceVersion, e.Message);
        }
    }

    /// <summary>
    /// What the object says after a refused precondition: an outcome when it is settled (gone; already being deleted, by
    /// this operation or another), a change that refuses the delete ("recreated", "spec changed", "labels changed"), or
    /// neither and the current resourceVersion when only status moved.
    /// </summary>
    private async Task<(DeleteOutcome? Outcome, string? Changed, string? ResourceVersion, string? OtherDelete)> RecheckAsync(
        DeletePlanItem item, OperationContext operation, CancellationToken cancellationToken)
    {
        var raw = await session.Api.TryGetAsync(K0rdentKinds.ClusterDeployment, item.Namespace, item.Name, cancellationToken);
        if (raw is not { } element)
        {
            return (DeleteOutcome.AlreadyGone, "already gone", null, null);
        }

        var now = ClusterDeploymentReader.Read(element);
        if (now.Uid != item.Uid)
        {
            return (null, $"recreated (uid {now.Uid}, planned {item.Uid})", null, null);
        }

        var stampedBy = JsonPath.Find(element, "metadata", "annotations", ProvenanceAnnotations.Operation)?.GetString();
        var deleteStamp = JsonPath.Find(element, "metadata", "annotations", ProvenanceAnnotations.Action)?.GetString() == "delete";
        if (now.DeletionTimestamp is { } since)
        {
            // Not this delete's doing: a DELETE of ours whose answer was lost is settled from the object by RecordedChange.
            return (DeleteOutcome.AlreadyDeleting, $"already being deleted by someone else (since {since:u}); nothing more sent", null, null);
        }

        if (now.Generation != item.Generation)
        {
            return (null, $"spec changed (generation {now.Generation}, planned {item.Generation})", null, null);
        }

        // The labels the operator chose by; the one k0rdent's controller adds as it reconciles does not change the choice.
        var planned = item.Labels.Where(kv => SpecSnapshot.IsOperatorMetadata(kv.Key)).ToList();
        var current = now.Labels.Where(kv => SpecSnapshot.IsOperatorMetadata(kv.Key)).ToList();
        var sameLabels = planned.Count == current.Count && current.All(kv => item.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
        var other = deleteStamp && stampedBy != operation.Id ? stampedBy : null;
        return sameLabels ? (null, null, now.ResourceVersion, other) : (null, "labels changed", null, null);
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
            [ChangeEvidence.PlannedResourceVersion] = item.ResourceVersion,
            [ChangeEvidence.PlannedGeneration] = item.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
