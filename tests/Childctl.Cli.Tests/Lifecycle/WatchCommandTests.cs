using System.Text.Json;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

public sealed class WatchCommandTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task WatchName_WhenJson_EmitsEveryEventAsOneLineAndEndsWhenGone()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "wj-one", "--region", "us-west-2", "--wait")).ExitCode);

        var watch = run.RunAsync("watch", "wj-one", "-o", "json");
        Assert.Equal(0, (await run.RunAsync("delete", "wj-one", "--yes")).ExitCode);
        var result = await watch;

        Assert.Equal(0, result.ExitCode);
        var events = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("ADDED", events[0].GetProperty("type").GetString());
        Assert.Equal("DELETED", events[^1].GetProperty("type").GetString());
        Assert.All(events, e => Assert.Equal("wj-one", e.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString()));
        Assert.All(events, e => Assert.False(e.GetProperty("object").GetProperty("metadata").TryGetProperty("managedFields", out _), "as list -o json"));
    }

    [Fact]
    public async Task Watch_WhenNotOnATerminal_PrintsOneLinePerPhaseChange()
    {
        var run = fixture.NewRun();
        var watch = run.RunAsync("watch", "wl-one");
        await Task.Yield();
        Assert.Equal(0, (await run.RunAsync("create", "gcp", "wl-one", "--region", "us-east4", "--project", "p", "--wait")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("delete", "wl-one", "--yes")).ExitCode);
        var result = await watch;

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains(" kcm-system/wl-one Ready ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" kcm-system/wl-one Deleting ", StringComparison.Ordinal));
        Assert.EndsWith("kcm-system/wl-one Gone deleted from the management cluster", lines[^1], StringComparison.Ordinal);
        Assert.Equal(lines.Length, lines.Distinct().Count());
        var history = run.HistoryText("wl-one");
        Assert.Equal(1, Count(history, "action: observed_deleted"));
        Assert.Equal(1, Count(history, "action: observed_ready"));
    }

    [Fact]
    public async Task WatchName_WhenTheClusterIsNotYetCreated_SaysSoThenFollowsIt()
    {
        var run = fixture.NewRun();
        var stderr = new LineSignal("does not exist (yet)");

        var watch = run.RunAsync(stderr, "watch", "wy-later");
        await stderr.Seen.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await run.RunAsync("create", "aws", "wy-later", "--region", "us-west-2", "--wait")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("delete", "wy-later", "--yes")).ExitCode);
        var result = await watch;

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("kcm-system/wy-later does not exist (yet); watching for it to appear, Ctrl-C to stop", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(" kcm-system/wy-later Ready ", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("kcm-system/wy-later Gone deleted from the management cluster\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchName_WhenK0rdentReportsFailure_EndsWithExit7_AndRecordsItOnce_EvenWithAWaitAfterIt()
    {
        var run = fixture.NewRun();
        var file = Path.Combine(run.Home, "failing.yaml");
        await File.WriteAllTextAsync(file, WaitCommandTests.Failing("wf-one"));
        Assert.Equal(0, (await run.RunAsync("create", "-f", file)).ExitCode);

        var watch = await run.RunAsync("watch", "wf-one");
        var wait = await run.RunAsync("wait", "wf-one");

        Assert.Equal(7, watch.ExitCode);
        Assert.Contains("ClusterDeployment \"wf-one\" in namespace \"kcm-system\" failed:", watch.Stderr, StringComparison.Ordinal);
        Assert.Contains("VpcLimitExceeded", watch.Stderr, StringComparison.Ordinal);
        Assert.Contains(" kcm-system/wf-one Failed ", watch.Stdout, StringComparison.Ordinal);
        Assert.Equal(7, wait.ExitCode);
        Assert.Equal(1, Count(run.HistoryText("wf-one"), "action: observed_failed"));
        var observed = run.HistoryText("wf-one").Split("  - timestamp:").Single(e => e.Contains("action: observed_failed", StringComparison.Ordinal));
        Assert.DoesNotContain("\n    user:", observed, StringComparison.Ordinal); // k0rdent failed it, not the operator
        Assert.Contains($"observed_by: {TestCli.DefaultUser}", observed, StringComparison.Ordinal);
    }

    private static int Count(string text, string what) =>
        text.Split(what, StringSplitOptions.None).Length - 1;
}
