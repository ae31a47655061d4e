using System.Net.Http.Headers;
using System.Text;
using Childctl.Kubernetes;
using Childctl.Kubernetes.Exec;
using Childctl.Testing;
using k8s;
using k8s.Authentication;

namespace Childctl.Kubernetes.Tests.Config;

/// <summary>Every kubeconfig auth form, from the file to the official client's configuration and credentials.</summary>
public sealed class KubeconfigAuthTests : IDisposable
{
    private readonly TempDirectory _dir = new("childctl-kubeconfig-auth");
    private readonly TestCertificates _certificates = new();

    public void Dispose()
    {
        _certificates.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Build_WhenTheUserHasAToken_SendsItAsBearer()
    {
        var config = Configure("token: abc");

        Assert.Equal("abc", config.AccessToken);
        Assert.Equal(new AuthenticationHeaderValue("Bearer", "abc"), await HeaderAsync(config));
    }

    [Fact]
    public async Task Build_WhenTheUserHasATokenFile_ReadsItRelativeToTheKubeconfig()
    {
        File.WriteAllText(_dir.Combine("token"), "from-file\n");

        var config = Configure("tokenFile: token");

        Assert.IsType<TokenFileAuth>(config.TokenProvider);
        Assert.Equal(new AuthenticationHeaderValue("Bearer", "from-file"), await HeaderAsync(config));
    }

    [Fact]
    public void Build_WhenTheTokenFileIsMissing_IsInvalidInputNamingIt()
    {
        var error = Assert.Throws<KubernetesException>(() => Configure("tokenFile: nope"));

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"names tokenFile {_dir.Combine("nope")}, which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenTokenTokenFileAndExecAreAllSet_UsesTheToken()
    {
        var config = Configure("{token: abc, tokenFile: nope, exec: {apiVersion: client.authentication.k8s.io/v1, command: nope}}");

        Assert.Equal("abc", config.AccessToken);
        Assert.Null(config.TokenProvider);
    }

    [Fact]
    public async Task Build_WhenTheUserHasBasicAuth_SendsUserAndPassword()
    {
        var config = Configure("{username: admin, password: \"p:w\"}");

        var header = await HeaderAsync(config);

        Assert.Equal("Basic", header!.Scheme);
        Assert.Equal("admin:p:w", Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
    }

    [Fact]
    public void Build_WhenTheCaIsDataOrAFile_LoadsTheSameCa()
    {
        File.WriteAllText(_dir.Combine("ca.pem"), _certificates.AuthorityPem);

        var fromData = Configure("token: t", $"certificate-authority-data: {Base64(_certificates.AuthorityPem)}");
        var fromFile = Configure("token: t", "certificate-authority: ca.pem");

        Assert.Equal(_certificates.Authority.Thumbprint, Assert.Single(fromData.SslCaCerts).Thumbprint);
        Assert.Equal(_certificates.Authority.Thumbprint, Assert.Single(fromFile.SslCaCerts).Thumbprint);
        Assert.False(fromData.SkipTlsVerify);
    }

    [Fact]
    public void Build_WhenTheCaIsABundle_KeepsEveryCertificate()
    {
        using var other = new TestCertificates("another-ca");

        var config = Configure("token: t", $"certificate-authority-data: {Base64(_certificates.AuthorityPem + "\n" + other.AuthorityPem)}");

        Assert.Equal(2, config.SslCaCerts.Count);
    }

    [Theory]
    [InlineData("certificate-authority-data: '%%%'", "not base64")]
    [InlineData("certificate-authority: missing.pem", "cannot be read")]
    [InlineData("certificate-authority-data: bm90IGEgY2VydA==", "cannot be loaded")]
    public void Build_WhenTheCaIsUnusable_IsInvalidInputNamingTheCluster(string line, string problem)
    {
        var error = Assert.Throws<KubernetesException>(() => Configure("token: t", line));

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.StartsWith($"cluster \"mgmt\" in kubeconfig {_dir.Combine("config")}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenInsecureSkipTlsVerifyAndTlsServerNameAreSet_CarriesThemOver()
    {
        var config = Configure("token: t", "insecure-skip-tls-verify: true\n    tls-server-name: api.internal");

        Assert.True(config.SkipTlsVerify);
        Assert.Equal("api.internal", config.TlsServerName);
        Assert.Null(config.SslCaCerts);
    }

    [Fact]
    public void Build_WhenTheClientCertificateIsData_CarriesItOverAsBase64Pem()
    {
        var (certificate, key) = TestCertificates.Pem(_certificates.Client("alice"));

        var config = Configure($"{{client-certificate-data: {Base64(certificate)}, client-key-data: {Base64(key)}}}");

        Assert.Equal(certificate, Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateData)));
        Assert.Equal(key, Encoding.UTF8.GetString(Convert.FromBase64String(config.ClientCertificateKeyData)));
        Assert.Null(config.ClientCertificateFilePath);
    }

    [Fact]
    public void Build_WhenTheClientCertificateIsInFiles_ResolvesThemAgainstTheKubeconfig()
    {
        var (certificate, key) = TestCertificates.Pem(_certificates.Client("alice"));
        File.WriteAllText(_dir.Combine("alice.crt"), certificate);
        File.WriteAllText(_dir.Combine("alice.key"), key);

        var config = Configure("{client-certificate: alice.crt, client-key: alice.key}");

        Assert.Equal(_dir.Combine("alice.crt"), config.ClientCertificateFilePath);
        Assert.Equal(_dir.Combine("alice.key"), config.ClientKeyFilePath);
    }

    [Fact]
    public void Build_WhenTheClientCertificateHasNoKey_IsInvalidInput()
    {
        var error = Assert.Throws<KubernetesException>(() => Configure($"client-certificate-data: {Base64("x")}"));

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains("user \"admin\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("has a client certificate but no client key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenTheUserHasAnExecPlugin_UsesChildctlsTokenProviderWithoutRunningIt()
    {
        var config = Configure("exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh}");

        Assert.IsType<ExecCredentialProvider>(config.TokenProvider);
        Assert.Equal(0, ExecPluginScript.Runs(_dir.Path));
    }

    [Fact]
    public void Build_WhenTheExecApiVersionIsUnsupported_IsInvalidInput()
    {
        var error = Assert.Throws<KubernetesException>(() => Configure("exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}"));

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains("use client.authentication.k8s.io/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenTheUserHasAnAuthProvider_RefusesItSayingWhatToUseInstead()
    {
        var error = Assert.Throws<KubernetesException>(() => Configure("auth-provider: {name: oidc, config: {id-token: secret-id-token}}"));

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains("user \"admin\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("auth-provider \"oidc\", which childctl does not support", error.Message, StringComparison.Ordinal);
        Assert.Contains("exec credential plugin", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-id-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WhenCredentialsAreBroken_ReadsNoneUntilTheFirstApiUse()
    {
        var path = Write("auth-provider: {name: oidc}", "certificate-authority: missing.pem");

        var cluster = KubeconfigResolver.Resolve(path, null, null, _ => null);

        Assert.Equal("mgmt", cluster.ClusterName);
        var error = Assert.Throws<KubernetesException>(() => cluster.Configuration);
        Assert.Contains("missing.pem, which cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WhenTheUserIsMissing_ReportsItOnTheFirstApiUse()
    {
        var cluster = KubeconfigResolver.Resolve(Write("token: t", null, userName: "someone-else"), null, null, _ => null);

        var error = Assert.Throws<KubernetesException>(() => cluster.Configuration);

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains("context \"ctx\" refers to user \"someone-else\", which is not in kubeconfig", error.Message, StringComparison.Ordinal);
    }

    private static async Task<AuthenticationHeaderValue?> HeaderAsync(KubernetesClientConfiguration config)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.invalid/");
        await k8s.Kubernetes.CreateCredentials(config).ProcessHttpRequestAsync(request, CancellationToken.None);
        return request.Headers.Authorization;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private KubernetesClientConfiguration Configure(string user, string? cluster = null) =>
        KubeconfigResolver.Resolve(Write(user, cluster), null, null, _ => null).Configuration;

    private string Write(string user, string? cluster, string userName = "admin")
    {
        var path = _dir.Combine("config");
        var body = user.StartsWith('{') ? $"  user: {user}" : $"  user:\n    {user}";
        File.WriteAllText(path, $"""
            current-context: ctx
            contexts: [{"{"}name: ctx, context: {"{"}cluster: mgmt, user: {userName}{"}}"}]
            clusters:
            - name: mgmt
              cluster:
                server: "https://127.0.0.1:6443"
                {cluster ?? string.Empty}
            users:
            - name: admin
            {body}
            """);
        return path;
    }
}
