using Childctl.Kubernetes.Transport;
using Childctl.Testing;

namespace Childctl.Kubernetes.Tests.Transport;

/// <summary>
/// Proxies as client-go uses them: the kubeconfig's proxy-url for every request, else HTTPS_PROXY/HTTP_PROXY/NO_PROXY with
/// Go's rules, loopback never. End to end through a logging CONNECT proxy, side by side with the real kubectl, and the
/// rules themselves case by case (Go's golang.org/x/net/http/httpproxy semantics).
/// </summary>
public sealed class ProxyTests : IAsyncDisposable
{
    private readonly StubApi _stub = new(extraDnsName: "api.internal");
    private readonly ConnectProxy _proxy = new();

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task Get_WhenTheKubeconfigHasAProxyUrl_TunnelsThroughItAsKubectlDoes()
    {
        var kubeconfig = _stub.Kubeconfig(cluster: $"proxy-url: {_proxy.Uri}");

        await _stub.ChildctlGetAsync(kubeconfig, environment: Env(("NO_PROXY", "*")));
        var ours = _proxy.Targets;
        var (kubectl, _) = await _stub.KubectlGetAsync(kubeconfig, new Dictionary<string, string?> { ["NO_PROXY"] = "*" });

        Assert.Equal(0, kubectl.ExitCode);
        var target = $"127.0.0.1:{_stub.Server.BaseUri.Port}";
        Assert.Equal([target], ours);
        Assert.Equal(target, _proxy.Targets[^1]);
    }

    [Fact]
    public async Task Get_WhenHttpsProxyIsSetAndTheServerIsLoopback_GoesDirectlyAsKubectlDoes()
    {
        var kubeconfig = _stub.Kubeconfig();

        await _stub.ChildctlGetAsync(kubeconfig, environment: Env(("HTTPS_PROXY", _proxy.Uri.ToString())));
        var (kubectl, theirs) = await _stub.KubectlGetAsync(kubeconfig, new Dictionary<string, string?> { ["HTTPS_PROXY"] = _proxy.Uri.ToString() });

        Assert.Equal(0, kubectl.ExitCode);
        Assert.Single(theirs);
        Assert.Empty(_proxy.Targets);
    }

    [Fact]
    public async Task Get_WhenHttpsProxyIsSetAndTheServerIsANamedHost_TunnelsThroughItAsKubectlDoes()
    {
        var kubeconfig = _stub.Kubeconfig(server: $"https://api.internal:{_stub.Server.BaseUri.Port}");
        var environment = new Dictionary<string, string?> { ["HTTPS_PROXY"] = $"127.0.0.1:{_proxy.Port}", ["NO_PROXY"] = "example.com,10.0.0.0/8" };

        var seen = await _stub.ChildctlGetAsync(kubeconfig, environment: name => environment.GetValueOrDefault(name));
        var ours = _proxy.Targets;
        var (kubectl, _) = await _stub.KubectlGetAsync(kubeconfig, environment);

        Assert.Equal(0, kubectl.ExitCode);
        Assert.Equal("api.internal", seen.SniHostName);
        var target = $"api.internal:{_stub.Server.BaseUri.Port}";
        Assert.Equal([target], ours);
        Assert.True(_proxy.Targets.Count > 1 && _proxy.Targets.All(t => t == target), string.Join(", ", _proxy.Targets));
    }

    [Fact]
    public async Task Get_WhenNoProxyCoversTheHost_DoesNotUseTheProxyAsKubectlDoesNot()
    {
        var kubeconfig = _stub.Kubeconfig(server: $"https://api.internal:{_stub.Server.BaseUri.Port}");
        var environment = new Dictionary<string, string?> { ["HTTPS_PROXY"] = _proxy.Uri.ToString(), ["NO_PROXY"] = ".example.com, internal" };

        var error = await Assert.ThrowsAsync<KubernetesException>(() => _stub.ChildctlGetAsync(kubeconfig, environment: name => environment.GetValueOrDefault(name)));
        var (kubectl, _) = await _stub.KubectlGetAsync(kubeconfig, environment);

        Assert.Equal(KubernetesErrorKind.Unreachable, error.Kind); // api.internal is in no DNS: only the proxy could have reached it
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Empty(_proxy.Targets);
    }

    [Theory]
    [InlineData("https://api.example.com", "", "http://proxy:3128/")]
    [InlineData("https://127.0.0.1:6443", "", null)]
    [InlineData("https://localhost:6443", "", null)]
    [InlineData("https://[::1]:6443", "", null)]
    [InlineData("https://api.example.com", "*", null)]
    [InlineData("https://api.example.com", "example.com", null)]
    [InlineData("https://example.com", "example.com", null)]
    [InlineData("https://example.com", ".example.com", "http://proxy:3128/")]
    [InlineData("https://api.example.com", "*.example.com", null)]
    [InlineData("https://notexample.com", "example.com", "http://proxy:3128/")]
    [InlineData("https://api.example.com:6443", "example.com:443", "http://proxy:3128/")]
    [InlineData("https://api.example.com", "example.com:443", null)]
    [InlineData("https://10.1.2.3:6443", "10.0.0.0/8", null)]
    [InlineData("https://10.1.2.3:6443", "10.1.2.3", null)]
    [InlineData("https://10.1.2.3:6443", "10.1.2.3:443", "http://proxy:3128/")]
    [InlineData("https://10.1.2.3:6443", "192.168.0.0/16, API.EXAMPLE.COM", "http://proxy:3128/")]
    public void Choose_WithGoRules_ProxiesWhatGoProxies(string server, string noProxy, string? expected)
    {
        var proxy = ProxyChoice.For(null, Env(("HTTPS_PROXY", "proxy:3128"), ("NO_PROXY", noProxy)))!;

        Assert.Equal(expected, proxy.GetProxy(new Uri(server))?.ToString() is { } p && !proxy.IsBypassed(new Uri(server)) ? p : null);
    }

    [Fact]
    public void Choose_WhenOnlyHttpProxyIsSet_LeavesHttpsServersDirectAsGoDoes()
    {
        var proxy = ProxyChoice.For(null, Env(("HTTP_PROXY", "http://proxy:3128"), ("ALL_PROXY", "http://all:1")))!;

        Assert.True(proxy.IsBypassed(new Uri("https://api.example.com")));
        Assert.Equal(new Uri("http://proxy:3128"), proxy.GetProxy(new Uri("http://api.example.com")));
    }

    [Fact]
    public void Choose_WhenUpperAndLowerCaseAreSet_TakesTheUpperCaseAsGoDoes()
    {
        var proxy = ProxyChoice.For(null, Env(("HTTPS_PROXY", "http://upper:1"), ("https_proxy", "http://lower:2")))!;

        Assert.Equal(new Uri("http://upper:1"), proxy.GetProxy(new Uri("https://api.example.com")));
    }

    [Theory]
    [InlineData("socks5://127.0.0.1:1080")]
    [InlineData("https://proxy.example.com:8443")]
    [InlineData("http://user:p%40ss@proxy.example.com:3128")]
    public void Choose_WhenTheKubeconfigHasAProxyUrl_TakesItForEveryServerLoopbackIncluded(string proxyUrl)
    {
        var proxy = ProxyChoice.For(new Uri(proxyUrl), Env(("NO_PROXY", "*")))!;

        Assert.Equal(new Uri(proxyUrl), proxy.GetProxy(new Uri("https://127.0.0.1:6443")));
        Assert.False(proxy.IsBypassed(new Uri("https://127.0.0.1:6443")));
        Assert.Equal(proxyUrl.StartsWith("https:", StringComparison.Ordinal), proxy.IsTlsProxyFor(new Uri("https://127.0.0.1:6443")));
    }

    [Fact]
    public void Build_WhenProxyUrlHasAnUnsupportedScheme_IsInvalidInputNamingTheSchemes()
    {
        var kubeconfig = _stub.Kubeconfig(cluster: "proxy-url: ftp://proxy:21");

        var error = Assert.Throws<KubernetesException>(() => KubeconfigResolver.Resolve(kubeconfig, null, null, _ => null).Configuration);

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains("has proxy-url \"ftp://proxy:21\", which is not an http://, https:// or socks5:// URL", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
