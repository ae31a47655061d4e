using Childctl.Core.ClusterDeployments;
using Childctl.Core.Templates;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Listing;

/// <summary>
/// One change <c>list -w</c> saw of a cluster in its selection: it appeared (or came into the filter), changed, or went
/// away (deleted, or out of the filter: shown once more, as the API server sends a DELETED for an object that stops
/// matching a label selector), with what childctl derives of it now.
/// </summary>
public sealed record ListedChange(WatchChangeKind Kind, ClusterOverview Overview);

/// <summary>Told, in order and synchronously, first the listing at the watch's start, then each change after it.</summary>
public interface IListWatchObserver
{
    void OnListed(ClusterListing listing);

    void OnChange(ListedChange change);
}

public sealed partial class ListClustersService
{
    /// <summary>
    /// <c>list -w</c>, as <c>kubectl get -w</c>: the list, then every change after it, until cancelled. One list and watch
    /// through the resilient list-and-watch <c>watch</c> and <c>wait</c> use (from the list's resourceVersion; after a
    /// dropped stream or a bookmark it watches on from the last version seen, after a 410 it lists again and reports the
    /// difference), so the first table and the changes after it come from one consistent sequence. The label selector is
    /// the server's; the other filters and the phase are judged here on each object, by <see cref="PhaseRule"/> as
    /// <c>list</c> judges them. The API lost for good ends it with the unreachable error (exit 5).
    /// </summary>
    public async Task WatchAsync(ListRequest request, IListWatchObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var ns = session.Scope;
        var templates = await TemplateCatalog.ReadAsync(session.Api, ns, cancellationToken);
        var selected = new HashSet<string>(StringComparer.Ordinal);
        List<ClusterOverview>? initial = [];
        await foreach (var change in session.Api.WatchClustersAsync(ns, new WatchFilter(LabelSelector: request.Filter.LabelSelector), cancellationToken))
        {
            if (change.Object is not { } cluster)
            {
                if (initial is not null)
                {
                    initial.Sort(ByNamespaceThenName);
                    observer.OnListed(new ClusterListing(ns, initial));
                    initial = null;
                }

                continue;
            }

            var overview = ClusterOverview.Create(cluster, templates);
            var key = $"{cluster.Namespace}/{cluster.Name}";
            var was = selected.Contains(key);
            var matches = change.Kind != WatchChangeKind.Deleted && request.Filter.Matches(overview);
            _ = matches ? selected.Add(key) : selected.Remove(key);
            if (initial is not null)
            {
                if (matches)
                {
                    initial.Add(overview);
                }
            }
            else if (matches || was)
            {
                observer.OnChange(new ListedChange(!matches ? WatchChangeKind.Deleted : was ? WatchChangeKind.Modified : WatchChangeKind.Added, overview));
            }
        }
    }
}
