using Childctl.Testing;

namespace Childctl.Kubernetes.Tests.Transport;

/// <summary>
/// Whom childctl trusts, cell by cell against the real kubectl on the same kubeconfig: a CA pinned in the kubeconfig
/// (the server's own, or another) or none, × the "system" store trusting the server's CA or not (SSL_CERT_FILE, which
/// OpenSSL and Go both read, points at a bundle made for the cell) × the certificate issued for the host or not
/// (tls-server-name names another). A pinned CA is the only anchor: the server's CA in the system store must not let a
/// certificate through that the pinned CA did not sign, with or without CHILDCTL_SYSTEM_CA=1 (the path that keeps the
/// system bundle loaded). Each cell runs childctl's client in a fresh process (<see cref="ProbeProgram"/>): .NET reads
/// the system store once per process.
/// </summary>
public sealed class TlsMatrixTests : IAsyncDisposable
{
    private readonly StubApi _stub = new();
    private readonly TestCertificates _other = new("pinned-other-ca");
    private readonly TestCertificates _unrelated = new("unrelated-system-ca");

    public async ValueTask DisposeAsync()
    {
        _other.Dispose();
        _unrelated.Dispose();
        await _stub.DisposeAsync();
    }

    [Theory]
    [InlineData("server", true, true, true)]
    [InlineData("server", false, true, true)]
    [InlineData("server", true, false, false)]
    [InlineData("server", false, false, false)]
    [InlineData("other", true, true, false)]
    [InlineData("other", false, true, false)]
    [InlineData("other", true, false, false)]
    [InlineData("other", false, false, false)]
    [InlineData("none", true, true, true)]
    [InlineData("none", false, true, false)]
    [InlineData("none", true, false, false)]
    [InlineData("none", false, false, false)]
    public async Task Connect_ForEachPinSystemAndHostCase_TrustsExactlyWhatKubectlTrusts(string pin, bool systemTrusts, bool hostMatches, bool expected)
    {
        var bundle = _stub.Dir.Combine($"system-{pin}-{systemTrusts}-{hostMatches}.pem");
        File.WriteAllText(bundle, systemTrusts ? _stub.Certificates.AuthorityPem : _unrelated.AuthorityPem);
        var ca = pin switch { "server" => null, "other" => _other.AuthorityPem, _ => string.Empty };
        var kubeconfig = _stub.Kubeconfig(cluster: hostMatches ? string.Empty : "tls-server-name: wrong.example.com", ca: ca, file: $"kubeconfig-{pin}-{systemTrusts}-{hostMatches}");
        var environment = new Dictionary<string, string?> { ["SSL_CERT_FILE"] = bundle, ["SSL_CERT_DIR"] = _stub.Dir.Combine("no-such-dir") };

        var (kubectl, _) = await _stub.KubectlGetAsync(kubeconfig, environment);
        var ours = await ProbeProgram.RunAsync(kubeconfig, environment);
        var withSystemBundle = await ProbeProgram.RunAsync(kubeconfig, new Dictionary<string, string?>(environment) { ["CHILDCTL_SYSTEM_CA"] = "1" });

        Assert.True(expected == (kubectl.ExitCode == 0), $"kubectl: {kubectl}");
        Assert.True(expected == (ours.ExitCode == 0), $"childctl: {ours}");
        Assert.True(expected == (withSystemBundle.ExitCode == 0), $"childctl with CHILDCTL_SYSTEM_CA=1: {withSystemBundle}");
        if (!expected)
        {
            Assert.StartsWith("Unreachable: the TLS handshake with the management cluster", ours.StdOut, StringComparison.Ordinal);
            Assert.Contains(hostMatches ? "x509: certificate signed by unknown authority" : "x509: certificate is valid for", kubectl.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Connect_WhenThePinnedCaIsOtherButTheSystemTrustsTheServer_SaysThePinnedCaDidNotSignIt()
    {
        var bundle = _stub.Dir.Combine("system-trusts.pem");
        File.WriteAllText(bundle, _stub.Certificates.AuthorityPem);
        var kubeconfig = _stub.Kubeconfig(ca: _other.AuthorityPem, file: "kubeconfig-pinned-other");

        var ours = await ProbeProgram.RunAsync(kubeconfig, new Dictionary<string, string?> { ["SSL_CERT_FILE"] = bundle, ["CHILDCTL_SYSTEM_CA"] = "1" });

        Assert.Contains("failed: the server's certificate is not signed by the kubeconfig's certificate-authority", ours.StdOut, StringComparison.Ordinal);
    }
}
