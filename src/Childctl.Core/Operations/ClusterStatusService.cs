using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations;

/// <summary>
/// <c>status NAME</c>: the ClusterDeployment (404 → NotFound, whatever local history says), read together with its
/// namespace's templates (one list, as <c>list</c> does), its kubeconfig Secret, its Events (selected by kind and name,
/// kept by uid) and the last entries of its local history.
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
        // Every read needs only the name, so all go out at once: one round trip after the handshake.
        var clusterTask = _api.GetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken);
        var templatesTask = TemplateLookup.ReadAsync(_api, ns, cancellationToken);
        var kubeconfigTask = _api.GetKubeconfigAvailabilityAsync(ns, name, cancellationToken);
        var eventsTask = _api.ListEventsAsync(ns, K0rdentKinds.ClusterDeployment.Kind, name, cancellationToken);
        var historyTask = _history.ReadLatestAsync(_api.Cluster.ClusterName, ns, name, HistoryEntries, cancellationToken);
        var others = Task.WhenAll(templatesTask, kubeconfigTask, eventsTask, historyTask);
        ClusterDeployment cluster;
        try
        {
            cluster = ClusterDeploymentReader.Read(await clusterTask);
        }
        catch
        {
            await others.ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        await others;
        var catalog = await templatesTask;
        var events = (await eventsTask).Where(e => e.InvolvedUid == cluster.Uid).ToList();
        return new ClusterStatusReport(ClusterOverview.Create(cluster, catalog), await kubeconfigTask, events, await historyTask);
    }
}
