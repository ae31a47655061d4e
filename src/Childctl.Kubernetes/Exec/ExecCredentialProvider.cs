using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Childctl.Kubernetes.Config;
using k8s.Authentication;

namespace Childctl.Kubernetes.Exec;

/// <summary>
/// Exec credential plugins for the official client's <see cref="ITokenProvider"/> hook. The plugin runs on the first
/// request, not when the kubeconfig is read (offline commands never start it), and once for all requests in flight;
/// its credential is reused until shortly before its <c>expirationTimestamp</c> (for ever without one), then the
/// plugin runs again. A client certificate it returns is offered to the server by the connection's certificate
/// callback (<see cref="ClientCertificate"/>). A failure is kept, so that a bulk command reports it once instead of
/// starting a failing plugin per request.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle was used, and this one's never is.")]
internal sealed class ExecCredentialProvider : ITokenProvider
{
    /// <summary>Renew this long before expiry, so that a credential does not lapse between check and use.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(10);

    private readonly ExecPluginConfig _plugin;
    private readonly string _user;
    private readonly ExecClusterInfo _cluster;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IssuedCredential? _current;
    private Exception? _failure;

    public ExecCredentialProvider(ExecPluginConfig plugin, string user, ExecClusterInfo cluster, TimeProvider time)
    {
        _plugin = plugin;
        _user = user;
        _cluster = cluster;
        _time = time;
        if (string.IsNullOrWhiteSpace(plugin.Command))
        {
            throw ExecPluginErrors.Misconfigured(plugin, user, "has no command");
        }

        if (plugin.ApiVersion is not ("client.authentication.k8s.io/v1" or "client.authentication.k8s.io/v1beta1"))
        {
            throw ExecPluginErrors.Misconfigured(plugin, user,
                $"has apiVersion \"{plugin.ApiVersion}\": use client.authentication.k8s.io/v1 (or v1beta1)");
        }
    }

    /// <summary>The client certificate of the current credential, if the plugin returned one.</summary>
    public X509Certificate2? ClientCertificate => Volatile.Read(ref _current)?.ClientCertificate;

    /// <summary>Bearer header of a fresh credential; null (no header) when the plugin returned only a certificate.</summary>
    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        var credential = await CurrentAsync(cancellationToken);
        return credential.Token is { } token ? new AuthenticationHeaderValue("Bearer", token) : null!;
    }

    /// <summary>A credential valid for now, running the plugin if there is none or it is about to expire.</summary>
    public async Task<IssuedCredential> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _current)) is { } current)
        {
            return current;
        }

        return await IssueAsync(() => _failure is not null ? throw _failure : Fresh(_current), cancellationToken);
    }

    /// <summary>
    /// After the server refused <paramref name="refused"/> (401): runs the plugin again, ignoring the cached credential,
    /// as client-go does; requests refused at the same time share one new run.
    /// </summary>
    public Task<IssuedCredential> RenewAsync(IssuedCredential refused, CancellationToken cancellationToken) =>
        IssueAsync(() => _current is { } current && !ReferenceEquals(current, refused) ? current : null, cancellationToken);

    /// <summary>Under the gate: the credential <paramref name="reuse"/> gives, else a new one from the plugin.</summary>
    private async Task<IssuedCredential> IssueAsync(Func<IssuedCredential?> reuse, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (reuse() is { } kept)
            {
                return kept;
            }

            var issued = await RunAsync(cancellationToken);
            Volatile.Write(ref _current, issued);
            return issued;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The plugin's command, for messages.</summary>
    public string Command => _plugin.Command;

    /// <summary>The kubeconfig user the plugin belongs to, for messages.</summary>
    public string User => _user;

    private async Task<IssuedCredential> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ExecPluginRunner.RunAsync(_plugin, _user, _cluster, Interactive(), cancellationToken);
        }
        catch (KubernetesException e)
        {
            _failure = e;
            throw;
        }
    }

    private IssuedCredential? Fresh(IssuedCredential? credential) =>
        credential is not null && (credential.Expires is not { } expires || _time.GetUtcNow() < expires - RenewBefore) ? credential : null;

    /// <summary>client-go's rule: prompt only with a terminal on stdin, unless the kubeconfig says Never.</summary>
    private bool Interactive()
    {
        var terminal = !Console.IsInputRedirected;
        if (_plugin.InteractiveMode == "Always" && !terminal)
        {
            throw ExecPluginErrors.Misconfigured(_plugin, _user, "needs a terminal (interactiveMode: Always), and standard input is not one");
        }

        return terminal && _plugin.InteractiveMode != "Never";
    }
}
