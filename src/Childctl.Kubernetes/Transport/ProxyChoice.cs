using System.Net;

namespace Childctl.Kubernetes.Transport;

/// <summary>
/// Which proxy a request goes through, as client-go chooses it. The kubeconfig's <c>proxy-url</c> takes every request
/// (Go's <c>http.ProxyURL</c>: the environment is not consulted, loopback included). Without it, Go's
/// <c>ProxyFromEnvironment</c> (golang.org/x/net/http/httpproxy): HTTPS_PROXY (else https_proxy) for https servers,
/// HTTP_PROXY (else http_proxy) for http ones, never ALL_PROXY and never one for the other; a value without a scheme is
/// taken as http://; localhost and loopback addresses are never proxied; NO_PROXY (else no_proxy) lists "*", IP
/// addresses, CIDR ranges and domain names, each optionally with a port, where "example.com" also covers its
/// subdomains and ".example.com" (or "*.example.com") only them. .NET's own environment proxy differs on every one of
/// these points, hence this class.
/// </summary>
internal sealed class ProxyChoice : IWebProxy
{
    private readonly Uri? _fixed;
    private readonly Uri? _https;
    private readonly Uri? _http;
    private readonly List<Func<string, int, IPAddress?, bool>> _exempt = [];

    private ProxyChoice(Uri? fixedProxy, Uri? https, Uri? http, string? noProxy)
    {
        _fixed = fixedProxy;
        _https = https;
        _http = http;
        ParseNoProxy(noProxy);
    }

    public ICredentials? Credentials { get; set; }

    /// <summary>The proxy for the kubeconfig's proxy-url, else the environment's; null when no request would be proxied.</summary>
    public static ProxyChoice? For(Uri? proxyUrl, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (proxyUrl is not null)
        {
            return new ProxyChoice(proxyUrl, null, null, null) { Credentials = CredentialsOf(proxyUrl) };
        }

        var https = Parse(Any(environment, "HTTPS_PROXY", "https_proxy"));
        var http = Parse(Any(environment, "HTTP_PROXY", "http_proxy"));
        return https is null && http is null ? null
            : new ProxyChoice(null, https, http, Any(environment, "NO_PROXY", "no_proxy")) { Credentials = CredentialsOf(https ?? http!) };
    }

    /// <summary>Whether a request to <paramref name="server"/> reaches the proxy over TLS (then the proxy's certificate is checked against the system store).</summary>
    public bool IsTlsProxyFor(Uri server) => Choose(server) is { Scheme: "https" };

    public Uri? GetProxy(Uri destination) => Choose(destination);

    public bool IsBypassed(Uri host) => Choose(host) is null;

    private Uri? Choose(Uri destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_fixed is not null)
        {
            return _fixed;
        }

        var proxy = destination.Scheme == Uri.UriSchemeHttps ? _https : destination.Scheme == Uri.UriSchemeHttp ? _http : null;
        return proxy is not null && UseProxy(destination) ? proxy : null;
    }

    private bool UseProxy(Uri destination)
    {
        var host = destination.IdnHost.Trim('[', ']').ToLowerInvariant();
        if (host == "localhost")
        {
            return false;
        }

        var ip = IPAddress.TryParse(host, out var parsed) ? parsed : null;
        return ip is null || !IPAddress.IsLoopback(ip) ? !_exempt.Any(m => m(host, destination.Port, ip)) : false;
    }

    private void ParseNoProxy(string? noProxy)
    {
        foreach (var raw in (noProxy ?? string.Empty).Split(','))
        {
            var entry = raw.Trim().ToLowerInvariant();
            if (entry.Length == 0)
            {
                continue;
            }

            if (entry == "*")
            {
                _exempt.Clear();
                _exempt.Add((_, _, _) => true);
                return;
            }

            if (IPNetwork.TryParse(entry, out var network) && entry.Contains('/', StringComparison.Ordinal))
            {
                _exempt.Add((_, _, ip) => ip is not null && network.Contains(ip));
                continue;
            }

            var (host, port) = SplitPort(entry);
            if (IPAddress.TryParse(host, out var address))
            {
                _exempt.Add((_, p, ip) => ip is not null && ip.Equals(address) && (port is null || port == p));
                continue;
            }

            if (host.Length > 0)
            {
                AddDomain(host, port);
            }
        }
    }

    private void AddDomain(string host, int? port)
    {
        host = host.StartsWith("*.", StringComparison.Ordinal) ? host[1..] : host;
        var matchHost = host[0] != '.';
        var suffix = matchHost ? "." + host : host;
        _exempt.Add((h, p, _) => (h.EndsWith(suffix, StringComparison.Ordinal) || (matchHost && h == suffix[1..])) && (port is null || port == p));
    }

    /// <summary>"host:port" or "[v6]:port" into host and port; a bare host (or IPv6 address) has no port.</summary>
    private static (string Host, int? Port) SplitPort(string entry)
    {
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? (entry, null)
                : (entry[1..close], close + 2 < entry.Length && entry[close + 1] == ':' && int.TryParse(entry[(close + 2)..], out var p6) ? p6 : null);
        }

        var colon = entry.LastIndexOf(':');
        return colon > 0 && entry.IndexOf(':', StringComparison.Ordinal) == colon && int.TryParse(entry[(colon + 1)..], out var port)
            ? (entry[..colon], port)
            : (entry, null);
    }

    /// <summary>Go's parseProxy: a value that is not an absolute URL with a host is tried again with http:// in front; a bogus one is ignored.</summary>
    private static Uri? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Host.Length > 0 && uri.Scheme is "http" or "https" or "socks5"
            ? uri
            : Uri.TryCreate("http://" + value, UriKind.Absolute, out var withScheme) && withScheme.Host.Length > 0 ? withScheme : null;
    }

    /// <summary>user:password in the proxy URL, as Go sends them (Proxy-Authorization: Basic).</summary>
    private static NetworkCredential? CredentialsOf(Uri proxy)
    {
        if (string.IsNullOrEmpty(proxy.UserInfo))
        {
            return null;
        }

        var colon = proxy.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? proxy.UserInfo : proxy.UserInfo[..colon];
        var password = colon < 0 ? string.Empty : proxy.UserInfo[(colon + 1)..];
        return new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
    }

    private static string? Any(Func<string, string?> environment, string upper, string lower) =>
        environment(upper) is { Length: > 0 } value ? value : environment(lower);
}
