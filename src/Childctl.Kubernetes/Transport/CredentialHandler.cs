using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Childctl.Kubernetes.Exec;
using Childctl.Kubernetes.Identity;
using k8s.Authentication;

namespace Childctl.Kubernetes.Transport;

/// <summary>
/// Puts the user's credential on each request, inside the request's deadline: a static token, a token file or basic auth
/// through the official client's <see cref="ServiceClientCredentials"/>, or a credential from an exec plugin. So an exec
/// plugin is bounded by --request-timeout like the rest of the exchange (kubectl's --request-timeout bounds it too), and
/// a hanging plugin is killed and named. On a 401 to an exec credential the plugin runs once more, ignoring its cached
/// credential, and the request is sent again, as client-go does; a second 401 names the plugin. The Impersonate-*
/// headers go on every request too, except one marked <see cref="AsAuthenticatedUser"/> (asking who the credentials
/// themselves belong to).
/// </summary>
internal sealed class CredentialHandler(ServiceClientCredentials? credentials, ExecCredentialProvider? exec, Impersonation impersonate, TimeSpan timeout, ManagementCluster cluster)
    : DelegatingHandler
{
    /// <summary>The caller's own token on the request: cancelling it (Ctrl-C) is not a timeout.</summary>
    public static readonly HttpRequestOptionsKey<CancellationToken> CallerToken = new("childctl.caller-token");

    /// <summary>Send this request without impersonation, as the credentials' own user.</summary>
    public static readonly HttpRequestOptionsKey<bool> AsAuthenticatedUser = new("childctl.as-authenticated-user");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!(request.Options.TryGetValue(AsAuthenticatedUser, out var real) && real))
        {
            impersonate.Apply(request.Headers);
        }

        if (exec is null)
        {
            if (credentials is not null)
            {
                await credentials.ProcessHttpRequestAsync(request, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }

        var used = await IssueAsync(request, ct => exec.CurrentAsync(ct), cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        await IssueAsync(request, ct => exec.RenewAsync(used, ct), cancellationToken);
        response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        using (response)
        {
            var message = ServerMessage(await response.Content.ReadAsStringAsync(cancellationToken));
            throw new KubernetesException(KubernetesErrorKind.PermissionDenied,
                $"the management cluster at {cluster.Server} (context \"{cluster.ContextName}\") rejected the credential of the plugin \"{exec.Command}\" " +
                $"(kubeconfig user \"{exec.User}\") with 401 Unauthorized{(message is null ? string.Empty : $" ({message})")}, also after running the plugin " +
                "again: run it by hand to see what it issues, log in again, or fix the user's exec section");
        }
    }

    private async Task<IssuedCredential> IssueAsync(HttpRequestMessage request, Func<CancellationToken, Task<IssuedCredential>> issue, CancellationToken cancellationToken)
    {
        IssuedCredential credential;
        try
        {
            credential = await issue(cancellationToken);
        }
        catch (OperationCanceledException e) when (!(request.Options.TryGetValue(CallerToken, out var caller) && caller.IsCancellationRequested))
        {
            throw new KubernetesException(KubernetesErrorKind.PermissionDenied,
                $"the credential plugin \"{exec!.Command}\" of kubeconfig user \"{exec.User}\" did not finish within the request timeout " +
                $"({timeout.TotalSeconds:0.###}s) and was stopped: run it by hand to see why, or raise --request-timeout if it needs longer (to log in)", e);
        }

        request.Headers.Authorization = credential.Token is { } token ? new AuthenticationHeaderValue("Bearer", token) : null;
        return credential;
    }

    private static string? ServerMessage(string body)
    {
        try
        {
            using var status = JsonDocument.Parse(body);
            return JsonPath.String(status.RootElement, "message");
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
