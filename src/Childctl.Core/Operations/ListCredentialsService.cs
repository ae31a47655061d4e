using Childctl.Core.Credentials;
using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations;

/// <summary><c>credentials</c>: the Credentials in scope, sorted by namespace then name.</summary>
public sealed class ListCredentialsService
{
    private readonly ManagementApi _api;

    public ListCredentialsService(ManagementApi api)
    {
        _api = api;
    }

    public async Task<IReadOnlyList<Credential>> ListAsync(string? ns, CancellationToken cancellationToken)
    {
        var list = await _api.ListAsync(K0rdentKinds.Credential, ns, null, cancellationToken);
        return list.Items.Select(Credential.Read)
            .OrderBy(c => c.Namespace, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }
}
