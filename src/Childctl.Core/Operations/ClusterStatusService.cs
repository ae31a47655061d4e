using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.Core.Kubernetes;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations;

/// <summary>
/// <c>status NAME</c>: one GET of the ClusterDeployment (404 → NotFound, whatever local history says), then in
/// parallel its template, its kubeconfig Secret and its Events, plus the last entries of its local history.
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
        var raw = await _api.GetAsync(ResourceKind.ClusterDeployment, ns, name, cancellationToken);
        var cluster = ClusterDeploymentReader.Read(raw);
        var templateTask = _api.TryGetAsync(ResourceKind.ClusterTemplate, ns, cluster.Template, cancellationToken);
        var kubeconfigTask = _api.GetKubeconfigAvailabilityAsync(ns, name, cancellationToken);
        var eventsTask = _api.ListEventsAsync(ns, cluster.Uid, cancellationToken);
        var historyTask = _history.ReadLatestAsync(_api.Cluster.ClusterName, ns, name, HistoryEntries, cancellationToken);
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
