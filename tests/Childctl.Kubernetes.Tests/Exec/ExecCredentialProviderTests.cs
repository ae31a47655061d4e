using System.Diagnostics;
using System.Text.Json;
using Childctl.Kubernetes;
using Childctl.Kubernetes.Config;
using Childctl.Kubernetes.Exec;
using Childctl.Kubernetes.Transport;
using Childctl.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Childctl.Kubernetes.Tests.Exec;

/// <summary>Exec credential plugins run as real processes (tiny shell scripts), as kubectl runs them.</summary>
public sealed class ExecCredentialProviderTests : IDisposable
{
    private static readonly ExecClusterInfo Cluster = new("https://127.0.0.1:6443", "api.internal", false, [1, 2, 3]);
    private readonly TempDirectory _dir = new("childctl-exec");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 9, 2, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task GetToken_WhenThePluginPrintsAToken_SendsItAsBearerAndTellsThePluginWhatClientGoTells()
    {
        var plugin = Plugin(ExecPluginScript.Token(_dir.Path, """{"token":"tok-1"}"""));

        var header = await Provider(plugin).GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.Equal("Bearer tok-1", header.ToString());
        using var info = JsonDocument.Parse(File.ReadAllText(_dir.Combine("exec-info")));
        Assert.Equal("ExecCredential", info.RootElement.GetProperty("kind").GetString());
        Assert.Equal(ExecPluginScript.V1, info.RootElement.GetProperty("apiVersion").GetString());
        Assert.False(info.RootElement.GetProperty("spec").GetProperty("interactive").GetBoolean());
        Assert.False(info.RootElement.GetProperty("spec").TryGetProperty("cluster", out _));
    }

    [Fact]
    public async Task GetToken_WhenArgsEnvAndClusterInfoAreSet_PassesThemToThePlugin()
    {
        var script = ExecPluginScript.Write(_dir.Path, "plugin.sh", """
            printf '%s|%s|%s' "$1" "$2" "$GREETING" > "$(dirname "$0")/seen"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$(dirname "$0")/exec-info"
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'
            """);
        var plugin = Plugin(script) with { Args = ["--region", "eu west"], Env = [new("GREETING", "hello")], ProvideClusterInfo = true };

        await Provider(plugin).GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.Equal("--region|eu west|hello", File.ReadAllText(_dir.Combine("seen")));
        using var info = JsonDocument.Parse(File.ReadAllText(_dir.Combine("exec-info")));
        var cluster = info.RootElement.GetProperty("spec").GetProperty("cluster");
        Assert.Equal("https://127.0.0.1:6443", cluster.GetProperty("server").GetString());
        Assert.Equal("api.internal", cluster.GetProperty("tls-server-name").GetString());
        Assert.Equal("AQID", cluster.GetProperty("certificate-authority-data").GetString());
    }

    [Fact]
    public async Task GetToken_WhenTheCredentialExpires_ReusesItUntilShortlyBeforeThenRunsThePluginAgain()
    {
        var expiry = _time.GetUtcNow().AddHours(1).ToString("O");
        var provider = Provider(Plugin(ExecPluginScript.Token(_dir.Path, $$"""{"token":"t","expirationTimestamp":"{{expiry}}"}""")));

        await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(59));
        await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        Assert.Equal(1, ExecPluginScript.Runs(_dir.Path));

        _time.Advance(TimeSpan.FromSeconds(55));
        await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        Assert.Equal(2, ExecPluginScript.Runs(_dir.Path));
    }

    [Fact]
    public async Task GetToken_WhenTheCredentialHasNoExpiry_KeepsItAndSharesOneRunAmongConcurrentRequests()
    {
        var provider = Provider(Plugin(ExecPluginScript.Token(_dir.Path, """{"token":"t"}""")));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetAuthenticationHeaderAsync(CancellationToken.None)));
        _time.Advance(TimeSpan.FromDays(30));
        await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.Equal(1, ExecPluginScript.Runs(_dir.Path));
    }

    [Fact]
    public async Task GetToken_WhenThePluginIssuesACertificate_LoadsItWithItsKeyAndSendsNoBearer()
    {
        using var certificates = new TestCertificates();
        var (certificate, key) = TestCertificates.Pem(certificates.Client("alice"));
        var status = JsonSerializer.Serialize(new Dictionary<string, string> { ["clientCertificateData"] = certificate, ["clientKeyData"] = key });
        var provider = Provider(Plugin(ExecPluginScript.Token(_dir.Path, status)));

        var header = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.Null(header);
        Assert.True(provider.ClientCertificate!.HasPrivateKey);
        Assert.Equal("CN=alice", provider.ClientCertificate.Subject);
    }

    [Fact]
    public async Task GetToken_WhenThePluginFails_IsPermissionDeniedNamingItNeverEchoingItsOutput()
    {
        var script = ExecPluginScript.Write(_dir.Path, "plugin.sh", """
            echo run >> "$(dirname "$0")/runs"
            echo 'token s3cr3t-output'
            exit 3
            """);
        var provider = Provider(Plugin(script));

        var first = await Assert.ThrowsAsync<KubernetesException>(() => provider.GetAuthenticationHeaderAsync(CancellationToken.None));
        var second = await Assert.ThrowsAsync<KubernetesException>(() => provider.GetAuthenticationHeaderAsync(CancellationToken.None));

        Assert.Equal(KubernetesErrorKind.PermissionDenied, first.Kind);
        Assert.Contains($"credential plugin \"{script}\" of kubeconfig user \"alice\" exited with code 3", first.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", first.Message, StringComparison.Ordinal);
        Assert.Same(first, second);
        Assert.Equal(1, ExecPluginScript.Runs(_dir.Path));
    }

    [Theory]
    [InlineData("token s3cr3t-not-json", "not an ExecCredential JSON object")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"s3cr3t"}}""", "another kind or apiVersion")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}""", "without a status")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientKeyData":"s3cr3t"}}""", "not both")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}""", "neither a token nor a client certificate")]
    [InlineData("", "printed no ExecCredential")]
    public async Task GetToken_WhenTheOutputIsUnusable_IsPermissionDeniedSayingWhyWithoutTheOutput(string output, string why)
    {
        var script = ExecPluginScript.Write(_dir.Path, "plugin.sh", $"cat <<'OUT'\n{output}\nOUT");

        var error = await Assert.ThrowsAsync<KubernetesException>(() => Provider(Plugin(script)).GetAuthenticationHeaderAsync(CancellationToken.None));

        Assert.Equal(KubernetesErrorKind.PermissionDenied, error.Kind);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToken_WhenThePluginIsMissing_IsInvalidInputWithItsInstallHint()
    {
        var plugin = Plugin(_dir.Combine("no-such-plugin")) with { InstallHint = "Install it with:\n  brew install no-such-plugin" };

        var error = await Assert.ThrowsAsync<KubernetesException>(() => Provider(plugin).GetAuthenticationHeaderAsync(CancellationToken.None));

        Assert.Equal(KubernetesErrorKind.InvalidInput, error.Kind);
        Assert.Contains("could not be started", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Install it with: brew install no-such-plugin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToken_WhenChildctlSkipsTheCaBundle_GivesThePluginTheRealLocation()
    {
        using var certificates = new TestCertificates();
        var config = new k8s.KubernetesClientConfiguration { Host = "https://127.0.0.1:6443", SslCaCerts = [certificates.Authority] };
        var provider = Provider(Plugin(ExecPluginScript.Token(_dir.Path, """{"token":"t"}""")));

        using (SystemCaBundle.SkipIfIrrelevant(config))
        {
            await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        }

        Assert.NotEqual("/dev/null", File.ReadAllText(_dir.Combine("ssl-cert-file")));
    }

    [Fact]
    public void RestoreInto_WhenTheEnvironmentWasCopiedWhileSkipped_GivesTheSavedBundleLocations()
    {
        using var certificates = new TestCertificates();
        var config = new k8s.KubernetesClientConfiguration { Host = "https://127.0.0.1:6443", SslCaCerts = [certificates.Authority] };
        var environment = new Dictionary<string, string?> { ["SSL_CERT_FILE"] = "/dev/null", ["SSL_CERT_DIR"] = "/nonexistent/childctl-pinned-ca" };

        using (SystemCaBundle.SkipIfIrrelevant(config))
        {
            SystemCaBundle.RestoreInto(environment);
        }

        Assert.NotEqual("/dev/null", environment.GetValueOrDefault("SSL_CERT_FILE"));
        Assert.NotEqual("/nonexistent/childctl-pinned-ca", environment.GetValueOrDefault("SSL_CERT_DIR"));
    }

    [Fact]
    public async Task GetToken_WhenCancelled_KillsThePlugin()
    {
        var script = ExecPluginScript.Write(_dir.Path, "plugin.sh", """
            echo $$ > "$(dirname "$0")/pid.tmp" && mv "$(dirname "$0")/pid.tmp" "$(dirname "$0")/pid"
            sleep 60
            """);
        using var cancel = new CancellationTokenSource();
        var call = Provider(Plugin(script)).GetAuthenticationHeaderAsync(cancel.Token);
        var pidFile = _dir.Combine("pid");
        for (var i = 0; i < 200 && !File.Exists(pidFile); i++)
        {
            await Task.Delay(50); // waits for the plugin to start; no test time passes through it
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(Ends(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static bool Ends(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            return true; // already gone
        }
    }

    private static ExecPluginConfig Plugin(string command) => new(command, ExecPluginScript.V1) { InteractiveMode = "Never" };

    private ExecCredentialProvider Provider(ExecPluginConfig plugin) => new(plugin, "alice", Cluster, _time);
}
