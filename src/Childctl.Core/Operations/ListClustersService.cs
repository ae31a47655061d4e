using Childctl.Core.ClusterDeployments;
using Childctl.Core.Kubernetes;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations;

/// <summary>
/// <c>list</c>: reads the ClusterDeployments and, in parallel, the ClusterTemplates of the same scope (one list
/// call, not one GET per cluster), derives each cluster's phase, provider and region, filters and sorts.
/// </summary>
public sealed class ListClustersService
{
    private readonly ManagementApi _api;

    public ListClustersService(ManagementApi api)
    {
        _api = api;
    }

    public async Task<ClusterListing> ListAsync(ClusterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var clustersTask = _api.ListAsync(ResourceKind.ClusterDeployment, query.Namespace, query.LabelSelector, cancellationToken);
        var templatesTask = _api.ListAsync(ResourceKind.ClusterTemplate, query.Namespace, null, cancellationToken);
        await Task.WhenAll(clustersTask, templatesTask);
        var clusters = await clustersTask;
        var catalog = new TemplateCatalog((await templatesTask).Items.Select(ClusterTemplate.Read));
        var matching = new List<ClusterOverview>(clusters.Items.Count);
        foreach (var item in clusters.Items)
        {
            var overview = ClusterOverview.Create(ClusterDeploymentReader.Read(item), catalog);
            if (query.Matches(overview))
            {
                matching.Add(overview);
            }
        }

        matching.Sort(static (a, b) =>
        {
            var byNamespace = string.CompareOrdinal(a.Cluster.Namespace, b.Cluster.Namespace);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Cluster.Name, b.Cluster.Name);
        });
        return new ClusterListing(query, matching);
    }
}
