using System.Diagnostics;

namespace Childctl.Cli.Tests.Commands;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_ShowsEachStepAsACommandLine_AndLeavesNothingRunning()
    {
        await using var env = new SandboxEnvironment(useDefaultLookup: true);
        var before = SandboxProcesses();

        var result = await env.RunAsync("demo");

        Assert.Equal(0, result.ExitCode);
        var commands = result.Stdout.Split('\n').Where(l => l.StartsWith("$ ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1] + " " + l.Split(' ')[2]).ToList();
        Assert.Equal(["childctl sandbox", "curl -k", "kubectl get", "kubectl get", "childctl version", "childctl sandbox"], commands);
        Assert.Contains("\"gitVersion\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("azure-standalone-cp-1-0-45   true", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("azure-standalone-cp-1-0-46   false", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("azure-cluster-identity-cred   true", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("$ childctl sandbox down\nsandbox stopped\n\n", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(env.StateFile));
        Assert.Subset(before, SandboxProcesses());
    }

    private static HashSet<int> SandboxProcesses() =>
        Process.GetProcesses().Where(p => p.ProcessName.StartsWith("childctl-sandbo", StringComparison.Ordinal)).Select(p => p.Id).ToHashSet();
}
