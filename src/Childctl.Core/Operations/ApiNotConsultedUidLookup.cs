using Childctl.Core.Kubernetes;

namespace Childctl.Core.Operations;

/// <summary>
/// The placeholder until the Kubernetes façade provides a live lookup: it never contacts the API and says so.
/// Replace it in <c>NoteCommand</c> with a façade-backed <see cref="IClusterUidLookup"/>.
/// </summary>
public sealed class ApiNotConsultedUidLookup : IClusterUidLookup
{
    public Task<UidLookup> LookupAsync(ManagementCluster managementCluster, string ns, string name, CancellationToken cancellationToken) =>
        Task.FromResult(UidLookup.Unknown("the API was not consulted (live uid lookup is not available in this build)"));
}
