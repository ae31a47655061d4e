using Childctl.Testing;

namespace Childctl.Kubernetes.Tests.Transport;

/// <summary>
/// Credentials on the wire, beside kubectl where it can run: an exec credential refused with 401 is issued again once (the
/// plugin re-run, its cache ignored) and the request retried; a second 401 names the plugin; a hanging plugin is stopped
/// by the request timeout; no credential goes over plain http; insecure-skip-tls-verify with a CA is refused.
/// </summary>
public sealed class CredentialTransportTests : IAsyncDisposable
{
    private const string ExecUser = "exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, interactiveMode: Never}";

    private readonly StubApi _stub = new();

    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Get_WhenTheServerRefusesTheExecCredentialOnce_RunsThePluginAgainAsKubectlDoesAndRetries()
    {
        CountingPlugin();
        _stub.Respond = r => r.Header("Authorization") == "Bearer tok-1" ? (401, Unauthorized) : (200, _stub.Server.Body);
        var kubeconfig = _stub.Kubeconfig(ExecUser);

        var seen = await _stub.ChildctlGetAsync(kubeconfig);
        var runs = ExecPluginScript.Runs(_stub.Dir.Path);
        File.Delete(_stub.Dir.Combine("runs"));
        var (kubectl, _) = await _stub.KubectlGetAsync(kubeconfig);

        Assert.Equal(2, runs);
        Assert.Equal("Bearer tok-2", seen.Header("Authorization"));
        // client-go, too, runs the plugin again after the 401, ignoring its cache; it hands that request's 401 back and
        // uses the new credential from the next request on, where childctl sends the refused request once more.
        Assert.True(ExecPluginScript.Runs(_stub.Dir.Path) >= 2, kubectl.ToString());
        Assert.Contains("Unauthorized", kubectl.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WhenTheServerRefusesTheRenewedCredentialToo_FailsWithPermissionDeniedNamingThePlugin()
    {
        CountingPlugin();
        _stub.Respond = _ => (401, Unauthorized);

        var error = await Assert.ThrowsAsync<KubernetesException>(() => _stub.ChildctlGetAsync(_stub.Kubeconfig(ExecUser)));

        Assert.Equal(KubernetesErrorKind.PermissionDenied, error.Kind);
        Assert.Contains($"rejected the credential of the plugin \"{_stub.Dir.Combine("plugin.sh")}\" (kubeconfig user \"u\") with 401 Unauthorized (Unauthorized), also after running the plugin again",
            error.Message, StringComparison.Ordinal);
        Assert.Equal(2, ExecPluginScript.Runs(_stub.Dir.Path));
        Assert.Equal(2, _stub.ApiRequests.Count);
    }

    [Fact]
    public async Task Get_WhenThePluginHangs_StopsItAtTheRequestTimeoutAndNamesIt()
    {
        ExecPluginScript.Write(_stub.Dir.Path, "plugin.sh", "echo run >> \"$(dirname \"$0\")/runs\"\nexec sleep 120");
        var options = new ApiOptions { MaxReadRetries = 0, RequestTimeout = TimeSpan.FromSeconds(1) };

        var error = await Assert.ThrowsAsync<KubernetesException>(() => _stub.ChildctlGetAsync(_stub.Kubeconfig(ExecUser), options: options));

        Assert.Equal(KubernetesErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("plugin.sh\" of kubeconfig user \"u\" did not finish within the request timeout (1s) and was stopped", error.Message, StringComparison.Ordinal);
        Assert.Empty(_stub.ApiRequests);
    }

    [Theory]
    [InlineData("token: t")]
    [InlineData("{username: admin, password: secret}")]
    [InlineData(ExecUser)]
    [InlineData("{token: t, as: viewer}")]
    public void Build_WhenTheServerIsPlainHttpAndTheUserHasCredentials_RefusesToSendThem(string user)
    {
        var kubeconfig = _stub.Kubeconfig(user, server: "http://127.0.0.1:8080", ca: string.Empty);

        var error = Assert.Throws<KubernetesException>(() => KubeconfigResolver.Resolve(kubeconfig, null, null, _ => null).Configuration);

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains("has a plain http:// server (http://127.0.0.1:8080), and childctl sends no credentials or impersonation over an unencrypted connection",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenTheServerIsPlainHttpWithoutCredentials_IsAllowed()
    {
        var kubeconfig = _stub.Kubeconfig("{}", server: "http://127.0.0.1:8080", ca: string.Empty);

        Assert.Null(KubeconfigResolver.Resolve(kubeconfig, null, null, _ => null).Configuration.AccessToken);
    }

    [Fact]
    public async Task Build_WhenInsecureSkipTlsVerifyComesWithACa_IsRefusedWithKubectlsWords()
    {
        var kubeconfig = _stub.Kubeconfig(cluster: "insecure-skip-tls-verify: true");

        var error = await Assert.ThrowsAsync<KubernetesException>(() => _stub.ChildctlGetAsync(kubeconfig));
        var (kubectl, theirs) = await _stub.KubectlGetAsync(kubeconfig);

        const string words = "specifying a root certificates file with the insecure flag is not allowed";
        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.Contains(words, kubectl.StdErr, StringComparison.Ordinal);
        Assert.Empty(theirs);
    }

    [Fact]
    public async Task Get_WhenInsecureSkipTlsVerifyIsSet_WarnsOnce()
    {
        var warnings = new List<string>();
        var kubeconfig = _stub.Kubeconfig(cluster: "insecure-skip-tls-verify: true\ntls-server-name: wrong.example.com", ca: string.Empty);

        await _stub.ChildctlGetAsync(kubeconfig, options: new ApiOptions { MaxReadRetries = 0, OnWarning = warnings.Add });

        Assert.Equal("insecure-skip-tls-verify is set for cluster \"c\": the API server's certificate is not checked, so anyone on the network path " +
            "can read and change what childctl sends, credentials included", Assert.Single(warnings));
    }

    private const string Unauthorized = """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""";

    /// <summary>A plugin that issues tok-1 on its first run, tok-2 on its second, and so on.</summary>
    private void CountingPlugin() => ExecPluginScript.Write(_stub.Dir.Path, "plugin.sh", """
        here="$(dirname "$0")"
        echo run >> "$here/runs"
        n=$(wc -l < "$here/runs" | tr -d ' ')
        printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok-%s"}}\n' "$n"
        """);
}
