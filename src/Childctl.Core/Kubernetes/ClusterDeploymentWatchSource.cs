using Childctl.Core.ClusterDeployments;
using Childctl.Core.Kubernetes.Watching;

namespace Childctl.Core.Kubernetes;

/// <summary>ClusterDeployments in one namespace (or all), optionally filtered, as a source for <see cref="ResilientWatch{T}"/>.</summary>
public sealed class ClusterDeploymentWatchSource : IWatchSource<ClusterDeployment>
{
    private readonly ManagementApi _api;
    private readonly string? _namespace;
    private readonly WatchFilter _filter;

    public ClusterDeploymentWatchSource(ManagementApi api, string? ns, WatchFilter? filter = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _namespace = ns;
        _filter = filter ?? WatchFilter.None;
    }

    public async Task<WatchList<ClusterDeployment>> ListAsync(CancellationToken cancellationToken)
    {
        var list = await _api.ListForWatchAsync(ResourceKind.ClusterDeployment, _namespace, _filter, cancellationToken);
        return new WatchList<ClusterDeployment>(list.Items.Select(ClusterDeploymentReader.Read).ToList(), list.ResourceVersion);
    }

    public IAsyncEnumerable<WatchEvent<ClusterDeployment>> WatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
        _api.WatchAsync(ResourceKind.ClusterDeployment, _namespace, _filter, resourceVersion, ClusterDeploymentReader.Read, cancellationToken);

    public WatchIdentity Identify(ClusterDeployment item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new WatchIdentity($"{item.Namespace}/{item.Name}", item.Uid, item.ResourceVersion);
    }
}
