using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Childctl.Kubernetes.Exec;
using k8s;
using k8s.Authentication;

namespace Childctl.Kubernetes;

/// <summary>
/// The official client's HTTP side for one management cluster, without <see cref="k8s.Kubernetes"/> itself: a
/// <see cref="SocketsHttpHandler"/> set up as that class's constructor sets it up (keep-alive pings, several HTTP/2
/// connections, the kubeconfig CA checked by the client's own <see cref="k8s.Kubernetes.CertificateValidationCallBack"/> and, as kubectl does, the host name (<see cref="ServerCertificateCheck"/>),
/// insecure-skip-tls-verify, the client certificate) and the client's credentials
/// (<see cref="k8s.Kubernetes.CreateCredentials"/>: token, token provider, basic auth). Why not construct
/// <see cref="k8s.Kubernetes"/>: its constructor reads <see cref="KubernetesClientConfiguration.JsonSerializerOptions"/>,
/// which makes NativeAOT keep the generated JSON metadata of all 872 Kubernetes models for typed operations childctl
/// never calls; NativeAOT rehydrates that data at every start, of every command (docs/performance.md).
/// </summary>
internal sealed class ApiConnection : IDisposable
{
    private ApiConnection(Uri baseUri, HttpClient httpClient, ServiceClientCredentials? credentials, string? tlsServerName)
    {
        BaseUri = baseUri;
        HttpClient = httpClient;
        Credentials = credentials;
        TlsServerName = string.IsNullOrWhiteSpace(tlsServerName) ? null : tlsServerName;
    }

    /// <summary>The server URL, ending in a slash so that relative paths keep a path prefix (e.g. behind a proxy).</summary>
    public Uri BaseUri { get; }

    public HttpClient HttpClient { get; }

    public ServiceClientCredentials? Credentials { get; }

    /// <summary>The check of the server's certificate against the kubeconfig's CA, when there is one; it knows why a handshake failed.</summary>
    public ServerCertificateCheck? ServerCheck { get; private init; }

    /// <summary>tls-server-name: the client sends it as the Host header, which SocketsHttpHandler uses for SNI and the name check.</summary>
    public string? TlsServerName { get; }

    public static ApiConnection Create(KubernetesClientConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var baseUri = new Uri(config.Host.EndsWith('/') ? config.Host : config.Host + "/");
        var handler = new SocketsHttpHandler
        {
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
        };
        try
        {
            var check = baseUri.Scheme == Uri.UriSchemeHttps ? VerifyServer(handler.SslOptions, config) : null;

            OfferClientCertificate(handler.SslOptions, config);
            var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            if (!string.IsNullOrWhiteSpace(config.UserAgent))
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", config.UserAgent);
            }

            return new ApiConnection(baseUri, client, k8s.Kubernetes.CreateCredentials(config), config.TlsServerName) { ServerCheck = check };
        }
        catch
        {
            handler.Dispose();
            throw;
        }
    }

    /// <summary>
    /// As kubectl: skip only with insecure-skip-tls-verify; with a kubeconfig CA, <see cref="ServerCertificateCheck"/> (the
    /// client's chain check plus the host name); else the system store, whose default check includes the host name.
    /// </summary>
    private static ServerCertificateCheck? VerifyServer(SslClientAuthenticationOptions ssl, KubernetesClientConfiguration config)
    {
        if (config.SkipTlsVerify)
        {
#pragma warning disable CA5359 // the kubeconfig says insecure-skip-tls-verify: the user asked for exactly this
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (config.SslCaCerts is { } authorities)
        {
            var check = new ServerCertificateCheck(authorities);
            ssl.RemoteCertificateValidationCallback = check.Validate;
            return check;
        }

        return null;
    }

    /// <summary>The kubeconfig's certificate, or the one an exec plugin returns (it has run by the time a connection opens).</summary>
    private static void OfferClientCertificate(SslClientAuthenticationOptions ssl, KubernetesClientConfiguration config)
    {
        if (LoadClientCertificate(config) is { } certificate)
        {
            ssl.ClientCertificates = [certificate];
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }
        else if (config.TokenProvider is ExecCredentialProvider exec)
        {
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => exec.ClientCertificate!;
        }
    }

    /// <summary>As the client's CertUtils: PEM certificate and key, each from base64 data or a file.</summary>
    private static X509Certificate2? LoadClientCertificate(KubernetesClientConfiguration config)
    {
        var certificate = Pem(config.ClientCertificateData, config.ClientCertificateFilePath);
        var key = Pem(config.ClientCertificateKeyData, config.ClientKeyFilePath);
        return certificate is null || key is null ? null : X509Certificate2.CreateFromPem(certificate, key);
    }

    private static string? Pem(string? base64, string? path) =>
        !string.IsNullOrWhiteSpace(base64) ? Encoding.UTF8.GetString(Convert.FromBase64String(base64))
        : !string.IsNullOrWhiteSpace(path) ? File.ReadAllText(path)
        : null;

    public void Dispose() => HttpClient.Dispose();
}

/// <summary>
/// Verifies the API server against the kubeconfig's certificate authority, as kubectl does: the chain must end in that
/// CA (the official client's <see cref="k8s.Kubernetes.CertificateValidationCallBack"/> decides this) <em>and</em> the
/// certificate must be issued for the host childctl connects to (the server URL's host, or tls-server-name). The
/// client's callback alone accepts a certificate of the right CA issued for any host when the chain needed the
/// custom CA, which would let any holder of a certificate from that CA stand in for the API server.
/// Remembers why the last handshake was refused, so the error can say so instead of .NET's generic text.
/// </summary>
internal sealed class ServerCertificateCheck(X509Certificate2Collection authorities)
{
    private volatile string? _problem;

    /// <summary>Why the last refused handshake was refused, in words for the error message; null when none was.</summary>
    public string? Problem => _problem;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || chain is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return Refuse("the server presented no certificate");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            var host = (sender as SslStream)?.TargetHostName;
            return Refuse($"the server's certificate is not issued for \"{host}\" (the host of the kubeconfig's server URL, or its tls-server-name)");
        }

        return k8s.Kubernetes.CertificateValidationCallBack(sender, authorities, certificate, chain, errors)
            || Refuse("the server's certificate is not signed by the kubeconfig's certificate-authority");
    }

    private bool Refuse(string problem)
    {
        _problem = problem;
        return false;
    }
}
