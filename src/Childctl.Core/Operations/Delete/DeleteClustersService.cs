using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Templates;
using Childctl.Core.Text;
using Childctl.Kubernetes;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Delete;

/// <summary>
/// <c>delete</c>, the whole workflow: check the request (before any connection), plan (resolve the selection once into
/// exact objects: uid, resourceVersion), confirm through the <see cref="IDeleteInteraction"/> (a dry run stops here;
/// <c>--yes</c> goes ahead; on a terminal the user confirms, for more than one cluster by typing the count, so a
/// selector that caught more than expected is noticed; with no terminal and no <c>--yes</c>, refuse rather than guess),
/// delete each with those as preconditions and bounded parallelism, recording <c>cluster_deleted</c> or
/// <c>cluster_delete_failed</c> per cluster, and with <c>--wait</c> follow them until they are gone, recording
/// <c>observed_deleted</c>. A single named cluster that fails ends with its error; a bulk delete that partly fails
/// reports it in the summary (exit 8).
/// </summary>
public sealed partial class DeleteClustersService(Session session)
{
    /// <summary>How many deletes are in flight at once.</summary>
    public int Parallelism { get; init; } = 32;

    public async Task<DeleteSummary> RunAsync(DeleteRequest request, IDeleteInteraction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(interaction);
        Validate(request, session.Options.AllNamespaces);
        var plan = await PlanAsync(request, cancellationToken);
        interaction.OnPlan(plan);
        if (plan.IsEmpty && plan.MissingNames.Count > 0)
        {
            throw ChildctlException.NotFound($"none of the named clusters exist in namespace \"{plan.Selection.Namespace}\"");
        }

        if (!await ConfirmAsync(plan, request, interaction, cancellationToken))
        {
            interaction.OnStoppedAfterPlan(plan);
            return new DeleteSummary(plan, []);
        }

        var results = await ExecuteAsync(plan, request.Reason, interaction, cancellationToken);
        var deleted = results.Where(r => r.Outcome is DeleteOutcome.Deleted or DeleteOutcome.AlreadyDeleting).Select(r => r.Item).ToList();
        if (request.Wait is { } timeout && deleted.Count > 0)
        {
            await WaitGoneAsync(plan, deleted, timeout, interaction, cancellationToken);
            interaction.OnAllGone(deleted.Count);
        }

        ThrowIfTheOnlyOneFailed(plan, results);
        return new DeleteSummary(plan, results) { MergedContexts = MergedContexts(results) };
    }

    /// <summary>
    /// The contexts that <c>kubeconfig --merge</c> added and that now point at a cluster this delete removed (or found
    /// gone), as the kubeconfig read at the start of the command holds them.
    /// </summary>
    private IReadOnlyList<MergedContext> MergedContexts(IReadOnlyList<DeleteItemResult> results) =>
        session.Cluster.MergedContextsFor(
            results.Where(r => r.Outcome is DeleteOutcome.Deleted or DeleteOutcome.AlreadyDeleting or DeleteOutcome.AlreadyGone).Select(r => (r.Item.Namespace, r.Item.Name)));

    /// <summary>Rejects requests that say nothing, or mix names with filters, before any connection.</summary>
    public static void Validate(DeleteRequest request, bool allNamespaces)
    {
        ArgumentNullException.ThrowIfNull(request);
        Selection(request).Validate("delete", allNamespaces);
    }

    /// <summary>The question to ask on a terminal before deleting <paramref name="clusterCount"/> clusters.</summary>
    public static string Question(int clusterCount) => Confirmation.Question("Delete", clusterCount);

    /// <summary>Whether the typed answer confirms: exactly what <see cref="Question"/> asks for (<see cref="Confirmation.IsConfirmed"/>).</summary>
    public static bool IsConfirmed(string? answer, int clusterCount) => Confirmation.IsConfirmed(answer, clusterCount);

    /// <summary>
    /// The clusters to delete, read as <c>list</c> reads them (<see cref="ClusterSelection.ResolveAsync"/>: one list of
    /// clusters, one of templates, a user who may not read templates still sees the clusters), by namespace then name.
    /// </summary>
    internal async Task<DeletePlan> PlanAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        var resolved = await Selection(request).ResolveAsync(session, keepObjects: true, cancellationToken);
        if (request.Names.Count == 1 && resolved.MissingNames.Count == 1)
        {
            throw ChildctlException.NotFound(
                $"ClusterDeployment \"{resolved.MissingNames[0]}\" not found in namespace \"{resolved.Namespace}\" ('childctl list -n {resolved.Namespace}' shows what exists)");
        }

        return new DeletePlan(resolved, resolved.Clusters.Select(ToItem).ToList());
    }

    private static ClusterSelection Selection(DeleteRequest request) => new() { Names = request.Names, Filter = request.Filter, All = request.All };

    /// <summary>Whether to go on from the plan to deleting; throws (exit 2) when it must not be guessed or was not confirmed.</summary>
    private static async Task<bool> ConfirmAsync(DeletePlan plan, DeleteRequest request, IDeleteInteraction interaction, CancellationToken cancellationToken)
    {
        var count = plan.Items.Count;
        if (request.DryRun || count == 0)
        {
            return false;
        }

        if (request.Yes)
        {
            return true;
        }

        if (!interaction.CanAsk)
        {
            throw ChildctlException.InvalidInput(
                $"refusing to delete {count} cluster(s) without confirmation: stdin is not a terminal; pass --yes to delete without asking");
        }

        return IsConfirmed(await interaction.AskAsync(Question(count), cancellationToken), count)
            ? true
            : throw ChildctlException.InvalidInput("not confirmed; nothing was deleted");
    }

    /// <summary>A delete of one named cluster that failed ends with that failure's error and exit code, not exit 8.</summary>
    private static void ThrowIfTheOnlyOneFailed(DeletePlan plan, IReadOnlyList<DeleteItemResult> results)
    {
        if (results.Count != 1 || plan.MissingNames.Count > 0 || !results[0].Failed)
        {
            return;
        }

        var only = results[0];
        throw only.Outcome == DeleteOutcome.Refused
            ? new ChildctlException(ErrorKind.Conflict, $"ClusterDeployment \"{only.Item.Name}\" {only.Message}")
            : new ChildctlException(only.ErrorKind ?? ErrorKind.General, $"ClusterDeployment \"{only.Item.Name}\" not deleted: {only.Message}");
    }

    private static DeletePlanItem ToItem(ClusterOverview overview)
    {
        var c = overview.Cluster;
        return new DeletePlanItem(c.Namespace, c.Name, c.Uid, c.ResourceVersion, overview.Verdict.Phase.ToString(),
            overview.Provider, overview.Region, c.CreationTimestamp, c.Generation, c.Labels, c.DeletionTimestamp) { Cluster = c };
    }

    /// <summary>
    /// <c>delete --wait</c>: one watch over the plan's scope follows every deleted cluster (by uid) until it is gone,
    /// recording <c>observed_deleted</c> for each; on timeout, WaitTimedOut names those still there and why.
    /// </summary>
    private async Task WaitGoneAsync(DeletePlan plan, List<DeletePlanItem> deleted, TimeSpan timeout, IDeleteInteraction? observer, CancellationToken cancellationToken)
    {
        var time = session.Time;
        var recorder = session.Recorder();
        var remaining = deleted.ToDictionary(i => i.Uid, i => (Item: i, Last: (ClusterDeployment?)null), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var ns = plan.Selection.Namespace;
        try
        {
            await foreach (var change in session.Api.WatchClustersAsync(ns, new WatchFilter(LabelSelector: plan.Selection.Selection.Filter.LabelSelector), linked.Token))
            {
                var gone = Follow(change, remaining, seen);
                foreach (var uid in gone)
                {
                    var (item, last) = remaining[uid];
                    remaining.Remove(uid);
                    await recorder.RecordObservedAsync(item.Namespace, item.Name,
                        ObservedTransitions.Deleted(uid, item.CreationTimestamp, last?.DeletionTimestamp, time.GetUtcNow(), sawItGo: last is not null), cancellationToken);
                    observer?.OnGone(item, deleted.Count - remaining.Count, deleted.Count);
                }

                if (remaining.Count == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }

        throw StillThere(timeout, remaining.Values.ToList());
    }

    /// <summary>The uids the change shows gone: deleted ones, and after the first list those that were not in it.</summary>
    private static List<string> Follow(
        WatchChange<ClusterDeployment> change, Dictionary<string, (DeletePlanItem Item, ClusterDeployment? Last)> remaining, HashSet<string> seen)
    {
        switch (change)
        {
            case { Kind: WatchChangeKind.Added or WatchChangeKind.Modified, Object: { } present } when remaining.ContainsKey(present.Uid):
                seen.Add(present.Uid);
                remaining[present.Uid] = (remaining[present.Uid].Item, present);
                return [];
            case { Kind: WatchChangeKind.Deleted, Object: { } gone } when remaining.ContainsKey(gone.Uid):
                return [gone.Uid];
            case { Kind: WatchChangeKind.Synced }:
                return remaining.Keys.Where(uid => !seen.Contains(uid)).ToList();
            default:
                return [];
        }
    }

    private static ChildctlException StillThere(TimeSpan timeout, List<(DeletePlanItem Item, ClusterDeployment? Last)> left)
    {
        var shown = left.Take(10).Select(l =>
            $"{l.Item.Namespace}/{l.Item.Name}" + (l.Last is { } c ? $" ({PhaseRule.Evaluate(c).Reason})" : string.Empty));
        var more = left.Count > 10 ? $" and {left.Count - 10} more" : string.Empty;
        return new ChildctlException(ErrorKind.WaitTimedOut,
            $"timed out after {DurationText.Format(timeout)} with {left.Count} cluster(s) not yet gone: {string.Join("; ", shown)}{more}");
    }
}
