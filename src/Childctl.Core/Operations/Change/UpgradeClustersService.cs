using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Change;

/// <summary>
/// <c>upgrade -l SELECTOR | --all | NAME... --to T | --latest</c>, the whole workflow: check the request (before any
/// connection), plan (one read of the scope: each cluster's template now and the target it will move to, or why it is
/// skipped), confirm through the <see cref="IUpgradeBatchInteraction"/> when a filter or --all chose the clusters (a dry
/// run stops here; <c>--yes</c> goes ahead; on a terminal the count is typed; with no terminal, refuse), then upgrade each
/// through the one single-cluster path (<see cref="UpgradeService.UpgradeAsync"/>, with its checks and guard, <c>--force</c>
/// passed on, its recording and the plan's uid as a precondition) with bounded parallelism, and with <c>--wait</c> follow all the upgraded clusters
/// at once (<see cref="BatchWaitService"/>). All clusters share one operation id in history.
/// </summary>
public sealed class UpgradeClustersService(Session session)
{
    /// <summary>How many upgrades are in flight at once.</summary>
    public int Parallelism { get; init; } = 16;

    public async Task<UpgradeBatchSummary> RunAsync(UpgradeBatchRequest request, IUpgradeBatchInteraction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(interaction);
        request.Selection.Validate("upgrade", session.Options.AllNamespaces);
        var plan = await PlanAsync(request, cancellationToken);
        interaction.OnPlan(plan);
        if (plan.Items.Count == 0 && plan.MissingNames.Count > 0)
        {
            throw ChildctlException.NotFound($"none of the named clusters exist in namespace \"{plan.Selection.Namespace}\"");
        }

        var count = plan.ToUpgrade.Count;
        if (request.DryRun || count == 0)
        {
            interaction.OnStoppedAfterPlan(plan);
            return new UpgradeBatchSummary(plan, [], null);
        }

        if (request.Selection.IsBulk && !request.Yes)
        {
            await Confirmation.AskAsync("Upgrade", count, interaction.CanAsk, interaction.AskAsync, cancellationToken);
        }

        var results = await ExecuteAsync(plan, request, interaction, cancellationToken);
        ThrowIfTheOnlyOneFailed(plan, results);
        BatchWaitSummary? waited = null;
        if (request.Wait is { } timeout && results.Any(r => !r.Failed))
        {
            var since = session.Recorder().Operation.StartedAt;
            var targets = results.Where(r => !r.Failed).Select(r => WaitTarget.Of(r.After!, since)).ToList();
            var scope = new WaitScope(plan.Selection.Namespace, request.Selection.Filter.LabelSelector, plan.Selection.Describe());
            waited = await new BatchWaitService(session).WaitAllAsync(targets, WaitGoal.Ready, timeout, scope, [], interaction, cancellationToken);
        }

        var summary = new UpgradeBatchSummary(plan, results, waited);
        interaction.OnUpgradeSummary(summary);
        return summary;
    }

    private async Task<UpgradePlan> PlanAsync(UpgradeBatchRequest request, CancellationToken cancellationToken)
    {
        var resolved = await request.Selection.ResolveAsync(session, keepObjects: false, cancellationToken);
        if (request.Selection.Names.Count == 1 && resolved.MissingNames.Count == 1)
        {
            var ns = resolved.Namespace;
            throw ChildctlException.NotFound($"ClusterDeployment \"{resolved.MissingNames[0]}\" not found in namespace \"{ns}\" ('childctl list -n {ns}' shows what exists)");
        }

        return new UpgradePlan(resolved, resolved.Clusters.Select(o => Item(o, request.Target, resolved.Templates)).ToList());
    }

    /// <summary>Where one cluster goes: the asked-for target or its latest, if k0rdent allows it; otherwise why it stays.</summary>
    private static UpgradePlanItem Item(ClusterOverview overview, string? target, TemplateCatalog templates)
    {
        var c = overview.Cluster;
        var upgrades = c.AvailableUpgrades;
        var to = target ?? UpgradeService.Latest(c, templates);
        var skipped = overview.Verdict.Phase == ClusterPhase.Deleting ? "being deleted"
            : to is null ? "no available upgrades"
            : c.Template == to ? $"already uses {to}"
            : !upgrades.Contains(to, StringComparer.Ordinal) ? $"{to} is not among its available upgrades ({(upgrades.Count == 0 ? "none" : string.Join(", ", upgrades))})"
            : null;
        return new UpgradePlanItem(c.Namespace, c.Name, c.Uid, overview.Verdict.Phase.ToString(), c.Template, skipped is null ? to : null, skipped);
    }

    private async Task<IReadOnlyList<UpgradeItemResult>> ExecuteAsync(UpgradePlan plan, UpgradeBatchRequest batch, IUpgradeBatchInteraction interaction, CancellationToken cancellationToken)
    {
        var items = plan.ToUpgrade;
        var results = new UpgradeItemResult[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), options, async (index, ct) =>
        {
            var item = items[index];
            var request = new UpgradeRequest(item.Name, item.To) { Namespace = item.Namespace, ExpectedUid = item.Uid, Reason = batch.Reason, Force = batch.Force };
            UpgradeItemResult result;
            try
            {
                result = new UpgradeItemResult(item, (await new UpgradeService(session).UpgradeAsync(request, null, ct)).Cluster);
            }
            catch (ChildctlException e)
            {
                result = new UpgradeItemResult(item, null, e.Message, e.Kind);
            }

            results[index] = result;
        });

        // Told in plan order once all are done: the patches are quick, and the output then reads the same every run.
        foreach (var result in results)
        {
            interaction.OnResult(result);
        }

        return results;
    }

    /// <summary>A plan that came down to one upgrade that failed ends with that failure's error and exit code, not exit 8.</summary>
    private static void ThrowIfTheOnlyOneFailed(UpgradePlan plan, IReadOnlyList<UpgradeItemResult> results)
    {
        if (results.Count == 1 && plan.Items.Count == 1 && plan.MissingNames.Count == 0 && results[0] is { Failed: true } only)
        {
            throw new ChildctlException(only.ErrorKind ?? ErrorKind.General, only.Failure!);
        }
    }
}
