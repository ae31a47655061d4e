using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.Core.Kubernetes;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations;

/// <summary>
/// <c>status NAME</c>: one GET of the ClusterDeployment (404 → NotFound, whatever local history says) alongside its
/// kubeconfig Secret and the last entries of its local history, then its template and its Events (by uid).
/// </summary>
public sealed class ClusterStatusService
{
    public const int HistoryEntries = 5;

    private readonly ManagementApi _api;
    private readonly IClusterHistory _history;

    public ClusterStatusService(ManagementApi api, IClusterHistory history)
    {
        _api = api;
        _history = history;
    }

    public async Task<ClusterStatusReport> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        // What needs only the name starts with the object's GET; what needs its uid or template follows it.
        var clusterTask = _api.GetAsync(ResourceKind.ClusterDeployment, ns, name, cancellationToken);
        var kubeconfigTask = _api.GetKubeconfigAvailabilityAsync(ns, name, cancellationToken);
        var historyTask = _history.ReadLatestAsync(_api.Cluster.ClusterName, ns, name, HistoryEntries, cancellationToken);
        ClusterDeployment cluster;
        try
        {
            cluster = ClusterDeploymentReader.Read(await clusterTask);
        }
        catch
        {
            await Task.WhenAll(kubeconfigTask, historyTask).ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        var templateTask = _api.TryGetAsync(ResourceKind.ClusterTemplate, ns, cluster.Template, cancellationToken);
        var eventsTask = _api.ListEventsAsync(ns, cluster.Uid, cancellationToken);
        await Task.WhenAll(templateTask, kubeconfigTask, eventsTask, historyTask);
        var template = await templateTask;
        var catalog = template is { } t ? new TemplateCatalog([ClusterTemplate.Read(t)]) : TemplateCatalog.Empty;
        return new ClusterStatusReport(
            ClusterOverview.Create(cluster, catalog),
            await kubeconfigTask,
            await eventsTask,
            await historyTask);
    }
}
