using System.Text;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>
/// The kubeconfig's auth forms end to end: the real root command against the HTTPS sandbox. TLS stays verified
/// (a wrong CA is exit 5: UnreachableTests), and offline commands never touch credentials.
/// </summary>
public sealed class KubeconfigAuthTests : IClassFixture<BareSandboxFixture>, IDisposable
{
    private readonly BareSandboxFixture _sandbox;
    private readonly TempDirectory _dir = new("childctl-cli-auth");

    public KubeconfigAuthTests(BareSandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task List_WhenInsecureSkipTlsVerify_Works()
    {
        var result = await RunAsync(Kubeconfig("insecure-skip-tls-verify: true", $"token: {_sandbox.Handle.AdminToken}"), "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("warning: insecure-skip-tls-verify is set for cluster \"sandbox\": the API server's certificate is not checked, so anyone on the " +
            "network path can read and change what childctl sends, credentials included\nNo clusters found in namespace kcm-system.\n", result.Stderr);
    }

    [Fact]
    public async Task List_WhenTheCaFileIsRelativeToTheKubeconfig_Works()
    {
        File.WriteAllText(_dir.Combine("ca.crt"), _sandbox.Handle.CaPem);

        var result = await RunAsync(Kubeconfig("certificate-authority: ca.crt", $"token: {_sandbox.Handle.AdminToken}"), "list");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task List_WhenTheUserHasATokenFile_Works()
    {
        File.WriteAllText(_dir.Combine("token"), _sandbox.Handle.AdminToken + "\n");

        var result = await RunAsync(Kubeconfig(PinnedCa, "tokenFile: token"), "list");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task List_WhenAnExecPluginPrintsTheToken_Works()
    {
        ExecPluginScript.Token(_dir.Path, $$"""{"token":"{{_sandbox.Handle.AdminToken}}"}""");

        var result = await RunAsync(Kubeconfig(PinnedCa, ExecUser), "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No clusters found in namespace kcm-system.\n", result.Stderr);
        Assert.Equal(1, ExecPluginScript.Runs(_dir.Path));
    }

    [Fact]
    public async Task List_WhenAnExecPluginGivesAWrongToken_IsExit4()
    {
        ExecPluginScript.Token(_dir.Path, """{"token":"not-the-sandbox-token"}""");

        var result = await RunAsync(Kubeconfig(PinnedCa, ExecUser), "list");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("rejected the credential of the plugin", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("with 401 Unauthorized", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("also after running the plugin again", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, ExecPluginScript.Runs(_dir.Path));
        Assert.DoesNotContain("not-the-sandbox-token", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenTheExecPluginFails_IsExit4AndOfflineCommandsNeverRunIt()
    {
        var script = ExecPluginScript.Write(_dir.Path, "plugin.sh", "echo run >> \"$(dirname \"$0\")/runs\"\nexit 1");
        var kubeconfig = Kubeconfig(PinnedCa, ExecUser);

        var history = await RunAsync(kubeconfig, "history");
        var list = await RunAsync(kubeconfig, "list");

        Assert.Equal(0, history.ExitCode);
        Assert.Equal(4, list.ExitCode);
        Assert.Equal($"error: the credential plugin \"{script}\" of kubeconfig user \"u\" exited with code 1 (its own messages, if any, are above); " +
            "run it by hand to see why, or fix the user's exec section\n", list.Stderr);
        Assert.Equal(1, ExecPluginScript.Runs(_dir.Path));
    }

    [Fact]
    public async Task Run_WhenTheUserHasAnAuthProvider_IsExit2ForLiveCommandsButHistoryWorks()
    {
        var kubeconfig = Kubeconfig(PinnedCa, "auth-provider: {name: oidc, config: {idp-issuer-url: https://issuer.example}}");

        var list = await RunAsync(kubeconfig, "list");
        var history = await RunAsync(kubeconfig, "history");

        Assert.Equal(2, list.ExitCode);
        Assert.Contains("uses auth-provider \"oidc\", which childctl does not support", list.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, history.ExitCode);
    }

    private const string ExecUser = "exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, interactiveMode: Never}";

    private string PinnedCa => $"certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(_sandbox.Handle.CaPem))}";

    private Task<CliResult> RunAsync(string kubeconfig, params string[] args) =>
        new TestCli(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["CHILDCTL_HISTORY_DIR"] = _dir.Combine("history") }).RunAsync(args);

    private string Kubeconfig(string cluster, string user)
    {
        var path = _dir.Combine("kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: ctx
            contexts: [{"{"}name: ctx, context: {"{"}cluster: sandbox, user: u, namespace: kcm-system{"}}"}]
            clusters:
            - name: sandbox
              cluster:
                server: {_sandbox.Handle.BaseUri.ToString().TrimEnd('/')}
                {cluster}
            users:
            - name: u
              user:
                {user}
            """);
        return path;
    }
}
