using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations;

/// <summary>
/// Asks the management cluster for a ClusterDeployment's <c>metadata.uid</c>, so that offline-capable commands
/// (note) can tie an event to an incarnation when the API can tell, and say why not when it cannot.
/// Implementations must not throw for an unreachable or refusing API: they return <see cref="UidLookup.Unknown"/>.
/// </summary>
public interface IClusterUidLookup
{
    Task<UidLookup> LookupAsync(ManagementCluster managementCluster, string ns, string name, CancellationToken cancellationToken);
}
