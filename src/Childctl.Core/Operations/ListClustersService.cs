using Childctl.Core.ClusterDeployments;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations;

/// <summary>
/// <c>list</c>: reads the ClusterDeployments and, in parallel, the ClusterTemplates of the same scope (one list
/// call, not one GET per cluster), derives each cluster's phase, provider and region, filters and sorts. Unless the
/// objects themselves are to be printed, each page is released as soon as its clusters' overviews are derived.
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
        var templatesTask = TemplateLookup.ReadAsync(_api, query.Namespace, cancellationToken);
        List<ClusterOverview> matching;
        try
        {
            matching = query.KeepObjects
                ? await ReadWholeAsync(query, templatesTask, cancellationToken)
                : await ReadPageByPageAsync(query, templatesTask, cancellationToken);
        }
        catch
        {
            // The clusters' error is the one to report; the templates' read must still be observed.
            await templatesTask.ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        matching.Sort(static (a, b) =>
        {
            var byNamespace = string.CompareOrdinal(a.Cluster.Namespace, b.Cluster.Namespace);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Cluster.Name, b.Cluster.Name);
        });
        return new ClusterListing(query, matching);
    }

    /// <summary>The list with every object kept, for printing them.</summary>
    private async Task<List<ClusterOverview>> ReadWholeAsync(ClusterQuery query, Task<TemplateCatalog> templates, CancellationToken cancellationToken)
    {
        var clusters = await _api.ListAsync(K0rdentKinds.ClusterDeployment, query.Namespace, query.LabelSelector, cancellationToken);
        var catalog = await templates;
        var matching = new List<ClusterOverview>(clusters.Items.Count);
        matching.AddRange(clusters.Items.Select(item => ClusterOverview.Create(ClusterDeploymentReader.Read(item), catalog)).Where(query.Matches));
        return matching;
    }

    /// <summary>Only the overviews, each page released once they are derived: a 5,000-cluster table needs a page at a time.</summary>
    private async Task<List<ClusterOverview>> ReadPageByPageAsync(ClusterQuery query, Task<TemplateCatalog> templates, CancellationToken cancellationToken)
    {
        var matching = new List<ClusterOverview>();
        await _api.ForEachPageAsync(K0rdentKinds.ClusterDeployment, query.Namespace, query.LabelSelector, async items =>
        {
            var catalog = await templates;
            foreach (var item in items)
            {
                var overview = ClusterOverview.Create(ClusterDeploymentReader.Read(item), catalog);
                if (query.Matches(overview))
                {
                    matching.Add(overview with { Cluster = overview.Cluster.Detached() });
                }
            }
        }, cancellationToken);
        return matching;
    }
}
