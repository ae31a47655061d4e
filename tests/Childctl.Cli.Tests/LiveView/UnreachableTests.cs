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
    public async Task Run_WhenTheSandboxIsStopped_IsUnreachableNamingServerAndContext(params string[] args)
    {
        using var folder = new TempDirectory("childctl-unreachable");
        var kubeconfig = folder.Combine("kubeconfig");
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, EnableController = false });
        sandbox.WriteKubeconfig(kubeconfig);
        var server = sandbox.BaseUri.ToString().TrimEnd('/');
        await sandbox.DisposeAsync();

        var result = await new TestCli(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["CHILDCTL_HISTORY_DIR"] = folder.Path }).RunAsync(args);

        Assert.Equal(5, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith($"error: cannot reach the management cluster at {server} (context \"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("connection refused", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WhenTheServerCertificateIsFromAnotherCa_FailsTheHandshake()
    {
        using var folder = new TempDirectory("childctl-tls");
        var kubeconfig = folder.Combine("kubeconfig");
        var other = folder.Combine("other");
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, EnableController = false });
        await using var impostor = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, EnableController = false });
        sandbox.WriteKubeconfig(kubeconfig);
        impostor.WriteKubeconfig(other);
        var wrongCa = File.ReadAllText(kubeconfig).Replace(CaData(kubeconfig), CaData(other), StringComparison.Ordinal);
        File.WriteAllText(kubeconfig, wrongCa);

        var result = await new TestCli(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["CHILDCTL_HISTORY_DIR"] = folder.Path }).RunAsync("list");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("TLS handshake", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("certificate-authority", result.Stderr, StringComparison.Ordinal);
    }

    private static string CaData(string kubeconfig) =>
        File.ReadAllLines(kubeconfig).Select(l => l.Trim()).First(l => l.StartsWith("certificate-authority-data:", StringComparison.Ordinal))
            ["certificate-authority-data:".Length..].Trim().Trim('"');
}
