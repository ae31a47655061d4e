using Childctl.Core.ClusterDeployments;
using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations;

/// <summary>
/// Reads the live Kubernetes Events of a cluster's current incarnation, filtered by uid: the object (for its uid) and
/// the Events about its name, in parallel. For <c>history --with-events</c> only; the history itself never needs the API.
/// </summary>
public sealed class ClusterEventsService
{
    private readonly ManagementApi _api;

    public ClusterEventsService(ManagementApi api)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
    }

    /// <param name="latestRecordedUid">The uid to use when the object is gone: the latest incarnation in history.</param>
    public async Task<LiveClusterEvents> ReadAsync(string ns, string name, string? latestRecordedUid, CancellationToken cancellationToken)
    {
        var objectTask = _api.TryGetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken);
        var eventsTask = _api.ListEventsAsync(ns, K0rdentKinds.ClusterDeployment.Kind, name, cancellationToken);
        await Task.WhenAll(objectTask, eventsTask);
        var found = await objectTask;
        var uid = found is { } obj ? ClusterDeploymentReader.Read(obj).Uid : latestRecordedUid;
        if (string.IsNullOrEmpty(uid))
        {
            return new LiveClusterEvents(null, false, []);
        }

        var events = (await eventsTask).Where(e => e.InvolvedUid == uid).ToList();
        return new LiveClusterEvents(uid, found is not null, events);
    }
}
