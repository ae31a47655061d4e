using System.Diagnostics;
using Childctl.Cli.Demo;

namespace Childctl.Cli.Tests.Commands;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_WhenRun_ShowsEachStepAsACommandLineAndLeavesNothingRunning()
    {
        await using var env = new SandboxEnvironment(useDefaultLookup: true);
        env.Variables["PATH"] = Path.GetDirectoryName(Testing.Kubectl.Executable)!; // the real kubectl plays the other writer
        var before = SandboxProcesses();

        var result = await env.RunAsync("demo");

        Assert.Equal(0, result.ExitCode);
        var commands = result.Stdout.Split('\n').Where(l => l.StartsWith("$ ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1] + " " + l.Split(' ')[2]).ToList();
        Assert.Equal(
            ["childctl sandbox", "childctl templates", "childctl credentials", "childctl create", "childctl create", "childctl create",
             "childctl wait", "childctl wait", "childctl wait", "childctl list", "childctl status", "childctl kubeconfig", "kubectl --kubeconfig", "childctl scale",
             "childctl note", "childctl upgrade", "childctl upgrade", "cat demo-broken.yaml", "childctl create",
             "kubectl --kubeconfig", "childctl audit", "childctl audit", "childctl history",
             "childctl delete", "childctl delete", "childctl delete", "childctl history", "childctl sandbox"],
            commands);
        Assert.Contains("clusterdeployment.k0rdent.mirantis.com/demo-gcp ready", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\ndemo-aws-cp-0\s+Ready\s+control-plane\s+\S+\s+v1\.35\.6\+k0s\n", result.Stdout); // the child API, through its kubeconfig
        Assert.Contains("demo-aws scaled (workers 1 → 3", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo-broken\" in namespace \"kcm-system\" failed: InfrastructureReady", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("demo-aws   aws-standalone-cp-1-0-42   aws-standalone-cp-1-0-43\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("upgraded (aws-standalone-cp-1-0-42 → aws-standalone-cp-1-0-43)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("clusterdeployment.k0rdent.mirantis.com/demo-gcp patched\n", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"demo-gcp\s+changed elsewhere\s+\S+\s+kubectl-patch\s+\S+\s+generation 1 → 2 by kubectl-patch: spec.config.workersNumber 2 → 3\n", result.Stdout);
        Assert.Equal(2, result.Stdout.Split("(exit code 9, as expected)\n").Length - 1);
        Assert.Matches(@"observed_changed_elsewhere\s+\S+\s+-\s+\[observed\] generation 1 → 2 by kubectl-patch", result.Stdout);
        Assert.Contains("observed_deleted", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("$ childctl sandbox down\nsandbox stopped\n\n", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(env.StateFile));
        Assert.Subset(before, SandboxProcesses());
    }

    [Fact]
    public async Task Demo_WhenKubectlIsNotOnPath_SkipsTheOutOfBandActWithOneLine()
    {
        using var emptyDir = new Testing.TempDirectory("childctl-no-kubectl");
        var stdout = new StringWriter();
        var host = new CliHost { Out = stdout, Err = new StringWriter(), GetEnvironmentVariable = name => name == "PATH" ? emptyDir.Path : null };

        await DemoRunner.RunAsync(host, DemoOutOfBandSteps.Steps, CancellationToken.None);

        Assert.Equal("# Someone else changes a cluster: skipped, because kubectl (who plays the other writer) is not on PATH.\n\n", stdout.ToString());
    }

    /// <summary>
    /// Sandboxes started by this test process: other test runs on the same machine (another worktree, say) start and
    /// stop their own, which must not make this test pass or fail.
    /// </summary>
    private static HashSet<int> SandboxProcesses() =>
        Process.GetProcesses()
            .Where(p => p.ProcessName.StartsWith("childctl-sandbo", StringComparison.Ordinal) && ParentOf(p.Id) == Environment.ProcessId)
            .Select(p => p.Id)
            .ToHashSet();

    /// <summary>The parent pid from /proc (field 4 of stat, after the parenthesised name); 0 when it cannot be read.</summary>
    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // gone meanwhile
        }
    }
}
