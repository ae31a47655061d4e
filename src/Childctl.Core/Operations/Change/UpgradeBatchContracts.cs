using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Operations.Wait;

namespace Childctl.Core.Operations.Change;

/// <summary>
/// <c>upgrade NAME... | -l SELECTOR | --provider ... | --all  --to TEMPLATE | --latest</c>: which clusters, to what
/// (<see cref="Target"/> null: each to the newest of its own available upgrades), and how: <see cref="Yes"/> skips the
/// confirmation a filter or --all needs, <see cref="DryRun"/> stops after the plan, <see cref="Force"/> upgrades each even
/// on top of a change in flight (recorded as forced, per cluster, as a single upgrade records it), <see cref="Wait"/> then
/// follows the upgraded clusters until k0rdent reports them Ready.
/// </summary>
public sealed record UpgradeBatchRequest
{
    public ClusterSelection Selection { get; init; } = new();

    public string? Target { get; init; }

    public bool Yes { get; init; }

    public bool DryRun { get; init; }

    /// <summary>As <see cref="UpgradeRequest.Force"/>, for every cluster of the batch.</summary>
    public bool Force { get; init; }

    public TimeSpan? Wait { get; init; }

    public string? Reason { get; init; }
}

/// <summary>
/// One cluster of a batch upgrade's plan as it was read: its template now and the one it will move to, or, when it is
/// left alone, why (<see cref="Skipped"/>: already there, not among its available upgrades, being deleted).
/// </summary>
public sealed record UpgradePlanItem(string Namespace, string Name, string Uid, string Phase, string From, string? To, string? Skipped);

/// <summary>What a batch upgrade will do, decided before anything changes: the clusters found and the names that were not.</summary>
public sealed record UpgradePlan(ResolvedSelection Selection, IReadOnlyList<UpgradePlanItem> Items)
{
    public IReadOnlyList<string> MissingNames => Selection.MissingNames;

    public IReadOnlyList<UpgradePlanItem> ToUpgrade => Items.Where(i => i.To is not null).ToList();

    public IReadOnlyList<UpgradePlanItem> Skipped => Items.Where(i => i.To is null).ToList();
}

/// <summary>What happened to one planned upgrade: done (with the object after the patch), or why not and the error's kind.</summary>
public sealed record UpgradeItemResult(UpgradePlanItem Item, ClusterDeployment? After, string? Failure = null, ErrorKind? ErrorKind = null)
{
    public bool Failed => Failure is not null;
}

/// <summary>
/// How a batch upgrade ended without an error: the plan, each upgrade's result, and the wait's summary (with --wait).
/// Part failed (exit 8) when a named cluster is missing or was skipped, an upgrade failed, or an upgraded cluster did
/// not become Ready; clusters a filter caught but that have nothing to upgrade to are skipped, not failed.
/// </summary>
public sealed record UpgradeBatchSummary(UpgradePlan Plan, IReadOnlyList<UpgradeItemResult> Results, BatchWaitSummary? Wait)
{
    public bool PartiallyFailed =>
        Plan.MissingNames.Count > 0
        || (!Plan.Selection.Selection.IsBulk && Plan.Skipped.Count > 0)
        || Results.Any(r => r.Failed)
        || Wait?.PartiallyFailed == true;
}

/// <summary>
/// The person at the other end of a batch upgrade: shown the plan, asked to confirm a filter's or --all's plan when
/// there is a terminal, told each result, then the wait as <see cref="IBatchWaitObserver"/>. Calls are synchronous and
/// in order, except the question.
/// </summary>
public interface IUpgradeBatchInteraction : IBatchWaitObserver
{
    bool CanAsk { get; }

    void OnPlan(UpgradePlan plan);

    Task<string?> AskAsync(string question, CancellationToken cancellationToken);

    /// <summary>A dry run, or a plan with nothing to upgrade, stops after the plan; nothing changed.</summary>
    void OnStoppedAfterPlan(UpgradePlan plan);

    void OnResult(UpgradeItemResult result);

    /// <summary>The upgrades are done (and waited for, with --wait); told once, last, unless an error ends the command.</summary>
    void OnUpgradeSummary(UpgradeBatchSummary summary);
}
