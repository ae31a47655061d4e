using Childctl.Sandbox;
using Childctl.Sandbox.Hosting;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>
/// When the API cannot answer (here: the sandbox has stopped), Tab still offers the names local history knows, exits 0,
/// and prints nothing but the candidates: no error, no warning on stdout.
/// </summary>
public sealed class CompletionOfflineTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _home = new("childctl-completion-offline");
    private TestCli _cli = TestCli.Bare;

    public async Task InitializeAsync()
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0 });
        var kubeconfig = _home.Combine("kubeconfig");
        sandbox.WriteKubeconfig(kubeconfig);
        _cli = TestCli.InHome(_home.Path, kubeconfig);
        foreach (var (name, template) in new[] { ("offline-a", "aws-standalone-cp-1-0-42"), ("offline-b", "aws-standalone-cp-1-0-43") })
        {
            var created = await _cli.RunAsync("create", "aws", name, "--region", "us-west-2", "--template", template, "--credential", "aws-cluster-credential");
            Assert.Equal(0, created.ExitCode);
        }

        await sandbox.DisposeAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("childctl status off", "offline-a\noffline-b\n")]
    [InlineData("childctl create aws x --template aws", "aws-standalone-cp-1-0-42\naws-standalone-cp-1-0-43\n")]
    [InlineData("childctl create aws x --credential ", "aws-cluster-credential\n")]
    [InlineData("childctl -n kcm", "kcm-system\n")]
    [InlineData("childctl upgrade offline-a --to ", "\n")] // only the live status says which upgrades are allowed: no candidate
    public async Task Suggest_WhenTheApiIsDown_OffersTheNamesInLocalHistory(string line, string expected)
    {
        var result = await _cli.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal((0, expected), (result.ExitCode, result.Stdout));
    }
}
