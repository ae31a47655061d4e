using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Delete;

/// <summary>
/// <c>delete</c>, in three steps the command calls in turn: <see cref="PlanAsync"/> resolves the selection once into
/// exact objects (uid, resourceVersion); <see cref="ExecuteAsync"/> deletes each with those as preconditions, with
/// bounded parallelism, and records <c>cluster_deleted</c>/<c>cluster_delete_failed</c> per cluster;
/// <see cref="WaitGoneAsync"/> follows them until they are gone, recording <c>observed_deleted</c>.
/// </summary>
public sealed partial class DeleteClustersService
{
    private readonly ManagementApi _api;
    private readonly HistoryRecorder _history;
    private readonly TimeProvider _time;

    public DeleteClustersService(ManagementApi api, HistoryRecorder history, TimeProvider time)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _history = history ?? throw new ArgumentNullException(nameof(history));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>How many deletes are in flight at once.</summary>
    public int Parallelism { get; init; } = 32;

    public async Task<DeletePlan> PlanAsync(DeleteSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        Validate(selection);
        var ns = selection.AllNamespaces ? null : selection.Namespace;
        var clustersTask = _api.ListAsync(K0rdentKinds.ClusterDeployment, ns, selection.LabelSelector, cancellationToken);
        var templatesTask = _api.ListAsync(K0rdentKinds.ClusterTemplate, ns, null, cancellationToken);
        await Task.WhenAll(clustersTask, templatesTask);
        var catalog = new TemplateCatalog((await templatesTask).Items.Select(ClusterTemplate.Read));
        var overviews = (await clustersTask).Items
            .Select(item => ClusterOverview.Create(ClusterDeploymentReader.Read(item), catalog))
            .ToList();
        var chosen = selection.Names.Count > 0
            ? overviews.Where(o => selection.Names.Contains(o.Cluster.Name, StringComparer.Ordinal))
            : overviews.Where(o => Matches(o, selection));
        var items = chosen
            .OrderBy(o => o.Cluster.Namespace, StringComparer.Ordinal).ThenBy(o => o.Cluster.Name, StringComparer.Ordinal)
            .Select(ToItem)
            .ToList();
        var missing = selection.Names.Where(n => items.All(i => i.Name != n)).Distinct(StringComparer.Ordinal).ToList();
        if (selection.Names.Count == 1 && missing.Count == 1)
        {
            throw ChildctlException.NotFound(
                $"ClusterDeployment \"{missing[0]}\" not found in namespace \"{selection.Namespace}\" ('childctl list -n {selection.Namespace}' shows what exists)");
        }

        return new DeletePlan(selection, items, missing);
    }

    /// <summary>Rejects selections that say nothing, or mix names with filters, before any API call.</summary>
    public static void Validate(DeleteSelection selection)
    {
        if (selection.Names.Count > 0 && (selection.HasFilters || selection.All))
        {
            throw ChildctlException.InvalidInput("give either cluster names or filters (-l, --provider, --region, --phase, --all), not both");
        }

        if (selection.Names.Count == 0 && !selection.HasFilters && !selection.All)
        {
            throw ChildctlException.InvalidInput("say what to delete: NAME..., -l SELECTOR, --provider, --region, --phase, or --all");
        }

        if (selection.Names.Count > 0 && selection.AllNamespaces)
        {
            throw ChildctlException.InvalidInput("cluster names need one namespace: use -n NAMESPACE instead of -A");
        }
    }

    private static bool Matches(ClusterOverview overview, DeleteSelection selection) =>
        Same(selection.Provider, overview.Provider)
        && Same(selection.Region, overview.Region)
        && Same(selection.Phase, overview.Verdict.Phase.ToString());

    private static bool Same(string? wanted, string? actual) =>
        wanted is null || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);

    private static DeletePlanItem ToItem(ClusterOverview overview)
    {
        var c = overview.Cluster;
        return new DeletePlanItem(c.Namespace, c.Name, c.Uid, c.ResourceVersion, overview.Verdict.Phase.ToString(),
            overview.Provider, overview.Region, c.CreationTimestamp, c.Generation, c.Labels, c.DeletionTimestamp);
    }
}
