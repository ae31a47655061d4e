using System.Text;
using Childctl.Kubernetes;
using Childctl.Testing;

namespace Childctl.Kubernetes.Tests;

/// <summary>
/// What reaches a TLS server that asks for client certificates, from a kubeconfig through the façade: the
/// credentials, the client certificate (static or from an exec plugin), SNI from tls-server-name, and the CA check.
/// </summary>
public sealed class ApiConnectionTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new("childctl-connection");
    private readonly TestCertificates _certificates = new();
    private TlsTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new TlsTestServer(_certificates.Server(extraDnsName: "api.internal"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _certificates.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Connect_WhenTheKubeconfigHasAClientCertificate_PresentsIt()
    {
        var (certificate, key) = TestCertificates.Pem(_certificates.Client("alice"));

        var seen = await GetAsync($"{{client-certificate-data: {Base64(certificate)}, client-key-data: {Base64(key)}}}");

        Assert.Equal("CN=alice", seen.ClientCertificateSubject);
        Assert.Null(seen.Header("Authorization"));
    }

    [Fact]
    public async Task Connect_WhenTheClientCertificateIsInFiles_PresentsItWithTheToken()
    {
        var (certificate, key) = TestCertificates.Pem(_certificates.Client("bob"));
        File.WriteAllText(_dir.Combine("bob.crt"), certificate);
        File.WriteAllText(_dir.Combine("bob.key"), key);

        var seen = await GetAsync("{client-certificate: bob.crt, client-key: bob.key, token: tok}");

        Assert.Equal("CN=bob", seen.ClientCertificateSubject);
        Assert.Equal("Bearer tok", seen.Header("Authorization"));
    }

    [Fact]
    public async Task Connect_WhenAnExecPluginIssuesAClientCertificate_PresentsIt()
    {
        var (certificate, key) = TestCertificates.Pem(_certificates.Client("carol"));
        var status = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["clientCertificateData"] = certificate, ["clientKeyData"] = key });
        ExecPluginScript.Token(_dir.Path, status);

        var seen = await GetAsync("exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, interactiveMode: Never}");

        Assert.Equal("CN=carol", seen.ClientCertificateSubject);
    }

    [Fact]
    public async Task Connect_WhenTheUserHasBasicAuth_SendsIt()
    {
        var seen = await GetAsync("{username: admin, password: secret}");

        Assert.Equal("Basic " + Base64("admin:secret"), seen.Header("Authorization"));
    }

    [Fact]
    public async Task Connect_WhenTlsServerNameIsSet_UsesItAsTheSniHostName()
    {
        var seen = await GetAsync("token: t", "tls-server-name: api.internal");

        Assert.Equal("api.internal", seen.SniHostName);
    }

    [Fact]
    public async Task Connect_WhenTheServerUrlHasAPath_KeepsItAsAPrefix()
    {
        var seen = await GetAsync("token: t", server: _server.BaseUri + "k8s/clusters/c-1");

        Assert.StartsWith("GET /k8s/clusters/c-1/apis/k0rdent.mirantis.com/", seen.Head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WhenTheServerCertificateIsFromAnotherCa_FailsTheHandshake()
    {
        using var other = new TestCertificates("another-ca");

        var error = await Assert.ThrowsAsync<KubernetesException>(() => GetAsync("token: t", ca: other.AuthorityPem));

        Assert.Equal(KubernetesErrorKind.Unreachable, error.Kind);
        Assert.Contains("TLS handshake", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed: the server's certificate is not signed by the kubeconfig's certificate-authority", error.Message, StringComparison.Ordinal);
        Assert.All(_server.Requests, r => Assert.Empty(r.Head)); // no request was sent over the refused connection
    }

    [Theory]
    [InlineData("tls-server-name: wrong.example.com", "wrong.example.com")]
    [InlineData("tls-server-name: api.other", "api.other")]
    public async Task Connect_WhenTheCertificateIsForAnotherHost_FailsTheHandshake(string cluster, string host)
    {
        var error = await Assert.ThrowsAsync<KubernetesException>(() => GetAsync("token: t", cluster));

        Assert.Equal(KubernetesErrorKind.Unreachable, error.Kind);
        Assert.Contains($"failed: the server's certificate is not issued for \"{host}\"", error.Message, StringComparison.Ordinal);
        Assert.All(_server.Requests, r => Assert.Empty(r.Head)); // no request was sent over the refused connection
    }

    [Fact]
    public async Task Connect_WhenInsecureSkipTlsVerify_AcceptsACertificateForAnotherHost()
    {
        var seen = await GetAsync("token: t", "tls-server-name: wrong.example.com\n    insecure-skip-tls-verify: true", ca: string.Empty);

        Assert.Equal("wrong.example.com", seen.SniHostName);
    }

    private async Task<SeenRequest> GetAsync(string user, string cluster = "", string? server = null, string? ca = null)
    {
        var path = _dir.Combine("kubeconfig");
        var body = user.StartsWith('{') ? $"  user: {user}" : $"  user:\n    {user}";
        File.WriteAllText(path, $"""
            current-context: ctx
            contexts: [{"{"}name: ctx, context: {"{"}cluster: c, user: u{"}}"}]
            clusters:
            - name: c
              cluster:
                server: {server ?? _server.BaseUri.ToString()}
                {(ca == string.Empty ? string.Empty : "certificate-authority-data: " + Base64(ca ?? _certificates.AuthorityPem))}
                {cluster}
            users:
            - name: u
            {body}
            """);
        using var api = new ApiClient(KubeconfigResolver.Resolve(path, null, null, _ => null), new ApiOptions { MaxReadRetries = 0 });
        await api.GetAsync(TestKinds.ClusterDeployment, "ns", "x", CancellationToken.None);
        return Assert.Single(_server.Requests);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
