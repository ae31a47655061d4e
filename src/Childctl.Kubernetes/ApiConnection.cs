using System.Net;
using System.Net.Security;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Childctl.Kubernetes.Exec;
using Childctl.Kubernetes.Transport;
using k8s;

namespace Childctl.Kubernetes;

/// <summary>
/// The HTTP side for one management cluster, without <see cref="k8s.Kubernetes"/> itself: a
/// <see cref="SocketsHttpHandler"/> set up as that class's constructor sets it up (keep-alive pings, several HTTP/2
/// connections, the client certificate) plus what kubectl does and the client does not: a pinned CA trusted alone
/// (<see cref="ServerTrust"/>), proxy-url and Go's proxy environment (<see cref="ProxyChoice"/>), gzip, impersonation
/// (<see cref="Impersonation"/>), a User-Agent naming childctl, and credentials put on inside each request's deadline,
/// with client-go's exec re-run on 401 (<see cref="CredentialHandler"/>). Why not construct
/// <see cref="k8s.Kubernetes"/>: its constructor reads <see cref="KubernetesClientConfiguration.JsonSerializerOptions"/>,
/// which makes NativeAOT keep the generated JSON metadata of all 872 Kubernetes models for typed operations childctl
/// never calls; NativeAOT rehydrates that data at every start, of every command (docs/performance.md).
/// </summary>
internal sealed class ApiConnection : IDisposable
{
    private ApiConnection(Uri baseUri, HttpClient httpClient, string? tlsServerName)
    {
        BaseUri = baseUri;
        HttpClient = httpClient;
        TlsServerName = string.IsNullOrWhiteSpace(tlsServerName) ? null : tlsServerName;
    }

    /// <summary>The server URL, ending in a slash so that relative paths keep a path prefix (e.g. behind a proxy).</summary>
    public Uri BaseUri { get; }

    /// <summary>Sends with the credentials, impersonation, User-Agent and gzip already applied.</summary>
    public HttpClient HttpClient { get; }

    /// <summary>The check of the server's certificate against the kubeconfig's CA, when there is one; it knows why a handshake failed.</summary>
    public ServerCertificateCheck? ServerCheck { get; private init; }

    /// <summary>Whether requests reach an https:// proxy, whose certificate the system store must check.</summary>
    public bool ThroughTlsProxy { get; private init; }

    /// <summary>
    /// HTTP/2 where the server offers it; HTTP/1.1 alone when a header must go once per value (several impersonated groups
    /// or extra values), which .NET can send only as separate HTTP/1.1 lines (<see cref="RepeatedHeaders"/>).
    /// </summary>
    public Version RequestVersion { get; private init; } = HttpVersion.Version20;

    /// <summary>tls-server-name: the client sends it as the Host header, which SocketsHttpHandler uses for SNI and the name check.</summary>
    public string? TlsServerName { get; }

    public static ApiConnection Create(ManagementCluster cluster, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var settings = cluster.Settings;
        var config = settings.Client;
        var baseUri = new Uri(config.Host.EndsWith('/') ? config.Host : config.Host + "/");
        var proxy = ProxyChoice.For(settings.ProxyUrl, options.Environment);
        var handler = new SocketsHttpHandler
        {
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = settings.DisableCompression ? DecompressionMethods.None : DecompressionMethods.GZip,
            UseProxy = proxy is not null,
            Proxy = proxy,
        };
        if (settings.Impersonate.HasRepeatedValues)
        {
            handler.PlaintextStreamFilter = RepeatedHeaders.FilterAsync;
        }

        try
        {
            var check = baseUri.Scheme == Uri.UriSchemeHttps ? ServerTrust.Configure(handler.SslOptions, config, options.OnWarning, cluster.ClusterName) : null;
            OfferClientCertificate(handler.SslOptions, config);
            var credentials = new CredentialHandler(
                config.TokenProvider is ExecCredentialProvider ? null : k8s.Kubernetes.CreateCredentials(config),
                config.TokenProvider as ExecCredentialProvider, settings.Impersonate, options.RequestTimeout, cluster) { InnerHandler = handler };
            var client = new HttpClient(credentials, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
            return new ApiConnection(baseUri, client, config.TlsServerName)
            {
                ServerCheck = check,
                ThroughTlsProxy = proxy?.IsTlsProxyFor(baseUri) == true,
                RequestVersion = settings.Impersonate.HasRepeatedValues ? HttpVersion.Version11 : HttpVersion.Version20,
            };
        }
        catch
        {
            handler.Dispose();
            throw;
        }
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
/// childctl's User-Agent: <c>childctl/&lt;version&gt; (&lt;os&gt;/&lt;arch&gt;)</c> with the running program's
/// informational version and Go's names for the platform (linux/amd64, darwin/arm64), as kubectl writes its own, so that
/// audit logs and API priority and fairness rules can match either the same way.
/// </summary>
internal static class UserAgent
{
    public static readonly string Default = For(Assembly.GetEntryAssembly() ?? typeof(UserAgent).Assembly);

    public static string For(Assembly program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var version = program.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return $"childctl/{Token(version)} ({Os()}/{Architecture()})";
    }

    private static string Os() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";

    private static string Architecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>Keeps only characters an HTTP product token allows.</summary>
    private static string Token(string text) =>
        new(text.Where(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)).ToArray());
}
