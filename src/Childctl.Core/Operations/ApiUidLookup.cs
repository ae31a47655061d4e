using Childctl.Core.Errors;
using Childctl.Kubernetes;
using Childctl.Core.Api;

namespace Childctl.Core.Operations;

/// <summary>
/// <see cref="IClusterUidLookup"/> over the Kubernetes façade: one GET of the ClusterDeployment. Every failure the
/// façade reports (unreachable, refused, not found, a kubeconfig that cannot reach anything) becomes an
/// <see cref="UidLookup.Unknown"/> naming why, so that the note is recorded anyway.
/// </summary>
public sealed class ApiUidLookup : IClusterUidLookup
{
    private readonly ApiOptions _options;

    public ApiUidLookup(ApiOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public async Task<UidLookup> LookupAsync(ManagementCluster managementCluster, string ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(managementCluster);
        try
        {
            using var api = new ManagementApi(managementCluster, _options);
            var found = await api.TryGetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken);
            if (found is not { } obj)
            {
                return UidLookup.Unknown($"ClusterDeployment \"{name}\" does not exist in namespace \"{ns}\" on {managementCluster.ContextName}");
            }

            return JsonPath.Find(obj, "metadata", "uid")?.GetString() is { Length: > 0 } uid
                ? UidLookup.Known(uid)
                : UidLookup.Unknown($"the API returned ClusterDeployment \"{name}\" without a uid");
        }
        catch (ChildctlException e)
        {
            return UidLookup.Unknown(e.Message);
        }
    }
}
