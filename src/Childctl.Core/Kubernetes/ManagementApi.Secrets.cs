using System.Text;
using Childctl.Core.Errors;

namespace Childctl.Core.Kubernetes;

/// <summary>Reading the child kubeconfig Secret's content, for <c>childctl kubeconfig</c> only.</summary>
public sealed partial class ManagementApi
{
    /// <summary>
    /// The decoded <c>value</c> of Secret <c>&lt;name&gt;-kubeconfig</c> (REFERENCE.md §7), or null when the Secret or
    /// the key is not there yet. The content is a credential: callers hand it only to the user, never to logs or history.
    /// </summary>
    public async Task<string?> ReadKubeconfigAsync(string ns, string clusterName, CancellationToken cancellationToken)
    {
        var name = $"{clusterName}-kubeconfig";
        try
        {
            return await ReadAsync(ApiTarget.Get(ResourceKind.Secret, ns, name), async ct =>
            {
                using var response = await _client.CoreV1.ReadNamespacedSecretWithHttpMessagesAsync(name, ns, cancellationToken: ct);
                return response.Body.Data is { } data && data.TryGetValue("value", out var value) && value.Length > 0
                    ? Encoding.UTF8.GetString(value)
                    : null;
            }, cancellationToken);
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }
}
