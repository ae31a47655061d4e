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
        Assert.Equal(
            ["childctl sandbox", "childctl templates", "childctl credentials", "childctl create", "childctl create", "childctl create",
             "childctl wait", "childctl wait", "childctl wait", "childctl list", "childctl status", "childctl kubeconfig", "childctl scale",
             "childctl note", "cat demo-broken.yaml", "childctl create", "childctl delete", "childctl delete", "childctl delete",
             "childctl history", "childctl sandbox"],
            commands);
        Assert.Contains("clusterdeployment.k0rdent.mirantis.com/demo-gcp ready", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo-aws scaled (workers 1 → 3", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo-broken\" in namespace \"kcm-system\" failed: InfrastructureReady", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("observed_deleted", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("$ childctl sandbox down\nsandbox stopped\n\n", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(env.StateFile));
        Assert.Subset(before, SandboxProcesses());
    }

    private static HashSet<int> SandboxProcesses() =>
        Process.GetProcesses().Where(p => p.ProcessName.StartsWith("childctl-sandbo", StringComparison.Ordinal)).Select(p => p.Id).ToHashSet();
}
