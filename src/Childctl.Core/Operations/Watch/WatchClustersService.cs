using System.Runtime.CompilerServices;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Watch;

/// <summary>
/// <c>watch [NAME]</c>: the ClusterDeployments of a namespace (or all, or one by name) as a stream of changes, each
/// with its phase from <see cref="PhaseRule"/> and the phase before, through the same resilient list-and-watch as
/// <c>wait</c>. The initial list arrives as Added, then one Synced marker.
/// </summary>
public sealed class WatchClustersService
{
    private readonly ManagementApi _api;
    private readonly TimeProvider _time;

    public WatchClustersService(ManagementApi api, TimeProvider time)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async IAsyncEnumerable<ClusterChange> WatchAsync(string? ns, string? name, string? labelSelector, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = new WatchFilter(name is null ? null : $"metadata.name={name}", labelSelector);
        var phases = new Dictionary<string, PhaseVerdict>(StringComparer.Ordinal);
        await foreach (var change in _api.WatchClustersAsync(ns, filter, cancellationToken))
        {
            if (change.Object is not { } cluster)
            {
                yield return new ClusterChange(WatchChangeKind.Synced, null, null, null, _time.GetUtcNow());
                continue;
            }

            var key = cluster.Uid;
            phases.TryGetValue(key, out var previous);
            var verdict = PhaseRule.Evaluate(cluster);
            if (change.Kind == WatchChangeKind.Deleted)
            {
                phases.Remove(key);
            }
            else
            {
                phases[key] = verdict;
            }

            yield return new ClusterChange(change.Kind, cluster, verdict, previous, _time.GetUtcNow());
        }
    }
}
