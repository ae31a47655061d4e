using Childctl.Sandbox;
using Childctl.Sandbox.Hosting;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

public class UnreachableTests
{
    [Theory]
    [InlineData("list")]
    [InlineData("status", "aws-uswest2-prod")]
    [InlineData("templates")]
    [InlineData("credentials")]
    public async Task StoppedSandbox_IsUnreachable_NamingServerAndContext_NeverLocalData(params string[] args)
    {
        using var folder = new TempDirectory("childctl-unreachable");
        var kubeconfig = folder.Combine("kubeconfig");
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, EnableController = false });
        sandbox.WriteKubeconfig(kubeconfig);
        var server = sandbox.BaseUri.ToString().TrimEnd('/');
        await sandbox.DisposeAsync();

        var result = await CliRunner.RunAsync(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["CHILDCTL_HISTORY_DIR"] = folder.Path }, args);

        Assert.Equal(5, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith($"error: cannot reach the management cluster at {server} (context \"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("connection refused", result.Stderr, StringComparison.Ordinal);
    }
}
