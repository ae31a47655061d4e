using System.Text;
using System.Text.Json;
using Childctl.Core.Errors;
using Childctl.Core.Json;

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
            var secret = await ReadAsync(ApiTarget.Get(ResourceKind.Secret, ns, name),
                ct => _transport.GetAsync(ApiPaths.Item(ResourceKind.Secret, ns, name), ct), cancellationToken);
            return JsonPath.Find(secret, "data", "value") is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } base64
                ? Encoding.UTF8.GetString(Convert.FromBase64String(base64))
                : null;
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
        catch (FormatException)
        {
            throw new ChildctlException(ErrorKind.General, $"Secret \"{name}\" in namespace \"{ns}\" holds a value that is not base64");
        }
    }
}
