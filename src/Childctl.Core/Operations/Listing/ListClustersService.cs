using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Listing;

/// <summary>
/// What <c>list</c> asks for: the filter, and whether the served objects are printed (<c>-o json|yaml|name</c>): then
/// they are kept; otherwise only what childctl derives is, and each page of the list is released once read.
/// </summary>
public sealed record ListRequest(ClusterFilter Filter, bool KeepObjects = false);

/// <summary>
/// The clusters that matched, sorted by namespace then name; <see cref="Namespace"/> null means all namespaces.
/// <see cref="Templates"/> are the ClusterTemplates read beside them (empty when they could not be read).
/// </summary>
public sealed record ClusterListing(string? Namespace, IReadOnlyList<ClusterOverview> Clusters)
{
    internal TemplateCatalog Templates { get; init; } = TemplateCatalog.Empty;
}

/// <summary>
/// <c>list</c>: reads the ClusterDeployments and, in parallel, the ClusterTemplates of the same scope (one list call,
/// not one GET per cluster), derives each cluster's phase, provider and region, filters and sorts. Unless the objects
/// themselves are to be printed, each page is released as soon as its clusters' overviews are derived.
/// </summary>
public sealed partial class ListClustersService(Session session)
{
    public async Task<ClusterListing> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ns = session.Scope;
        var api = session.Api;
        var templatesTask = TemplateCatalog.ReadAsync(api, ns, cancellationToken);
        List<ClusterOverview> matching;
        try
        {
            matching = request.KeepObjects
                ? await ReadWholeAsync(api, ns, request.Filter, templatesTask, cancellationToken)
                : await ReadPageByPageAsync(api, ns, request.Filter, templatesTask, cancellationToken);
        }
        catch
        {
            // The clusters' error is the one to report; the templates' read must still be observed.
            await templatesTask.ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        matching.Sort(ByNamespaceThenName);
        return new ClusterListing(ns, matching) { Templates = await templatesTask };
    }

    /// <summary>The order of a listing: by namespace, then name.</summary>
    private static int ByNamespaceThenName(ClusterOverview a, ClusterOverview b)
    {
        var byNamespace = string.CompareOrdinal(a.Cluster.Namespace, b.Cluster.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Cluster.Name, b.Cluster.Name);
    }

    /// <summary>The list with every object kept, for printing them.</summary>
    private static async Task<List<ClusterOverview>> ReadWholeAsync(
        ManagementApi api, string? ns, ClusterFilter filter, Task<TemplateCatalog> templates, CancellationToken cancellationToken)
    {
        var clusters = await api.ListAsync(K0rdentKinds.ClusterDeployment, ns, filter.LabelSelector, cancellationToken);
        var catalog = await templates;
        return clusters.Items.Select(item => ClusterOverview.Create(ClusterDeploymentReader.Read(item), catalog)).Where(filter.Matches).ToList();
    }

    /// <summary>Only the overviews, each page released once they are derived: a 5,000-cluster table needs a page at a time.</summary>
    private static async Task<List<ClusterOverview>> ReadPageByPageAsync(
        ManagementApi api, string? ns, ClusterFilter filter, Task<TemplateCatalog> templates, CancellationToken cancellationToken)
    {
        var matching = new List<ClusterOverview>();
        await api.ForEachPageAsync(K0rdentKinds.ClusterDeployment, ns, filter.LabelSelector, async items =>
        {
            var catalog = await templates;
            foreach (var item in items)
            {
                var overview = ClusterOverview.Create(ClusterDeploymentReader.Read(item), catalog);
                if (filter.Matches(overview))
                {
                    matching.Add(overview with { Cluster = overview.Cluster.Detached() });
                }
            }
        }, cancellationToken);
        return matching;
    }
}
