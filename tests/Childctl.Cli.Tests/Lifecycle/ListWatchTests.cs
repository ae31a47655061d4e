using System.Text;
using System.Text.Json;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// <c>list -w</c> against golden files, with the controller off so that the only changes are those the test writes, each
/// written once the row before it has been printed: the table once, then one row per change (a status change, a new
/// cluster, a deleted one), Ctrl-C ending it with exit 0. The clock stands a little after the clusters were made, so AGE
/// reads the same every run. Each test's clusters carry a label of their own, so the shared sandbox's others stay out.
/// </summary>
public sealed class ListWatchTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task ListWatch_WhenClustersChangeAppearAndGo_PrintsTheTableThenARowPerChangeAndExitsZeroOnCtrlC()
    {
        var a = fixture.Seed("lw-a", "True", "Succeeded", DateTimeOffset.UtcNow, ["lw=table"]);
        fixture.Seed("lw-b", "False", "Failed", DateTimeOffset.UtcNow, ["lw=table"]);
        var (run, interrupt, rows) = Watching(a);

        var watch = run.RunAsync(new StringWriter(), rows, "list", "-w", "-l", "lw=table");
        await rows.Until("lw-b", 1);
        fixture.SetStatus(fixture.Get("lw-a"), "False", "Progressing", DateTimeOffset.UtcNow, observedGeneration: 1);
        await rows.Until("lw-a", 2);
        fixture.Seed("lw-c", "True", "Succeeded", DateTimeOffset.UtcNow, ["lw=table"]);
        await rows.Until("lw-c", 1);
        fixture.Sandbox.Store.Delete(ResourceType.ClusterDeployment, StillSandbox.Ns, "lw-b");
        await rows.Until("lw-b", 2);
        await interrupt.CancelAsync();

        LifecycleGoldenTests.Check("list-watch.txt", await watch);
    }

    [Fact]
    public async Task ListWatch_WithAPhaseFilterWideAndNoHeaders_ShowsAClusterLeavingTheFilterOnceMore()
    {
        var a = fixture.Seed("lw-failed", "False", "Failed", DateTimeOffset.UtcNow, ["lw=phase"]);
        fixture.Seed("lw-ready", "True", "Succeeded", DateTimeOffset.UtcNow, ["lw=phase"]);
        var (run, interrupt, rows) = Watching(a);

        var watch = run.RunAsync(new StringWriter(), rows, "list", "-w", "-l", "lw=phase", "--phase", "Failed", "-o", "wide", "--no-headers");
        await rows.Until("lw-failed", 1);
        fixture.SetStatus(fixture.Get("lw-failed"), "True", "Succeeded", DateTimeOffset.UtcNow, observedGeneration: 1);
        await rows.Until("lw-failed", 2);
        fixture.SetStatus(fixture.Get("lw-ready"), "False", "Failed", DateTimeOffset.UtcNow, observedGeneration: 1);
        await rows.Until("lw-ready", 1);
        await interrupt.CancelAsync();

        LifecycleGoldenTests.Check("list-watch-phase-wide.txt", await watch);
    }

    [Fact]
    public async Task ListWatch_AsJsonAndName_PrintsOneObjectPerLineWithTheDerivedPhase()
    {
        var a = fixture.Seed("lw-json", "True", "Succeeded", DateTimeOffset.UtcNow, ["lw=json"]);
        var (run, interrupt, rows) = Watching(a);
        var (names, nameInterrupt, nameRows) = Watching(a);

        var json = run.RunAsync(new StringWriter(), rows, "list", "-w", "-l", "lw=json", "-o", "json");
        var name = names.RunAsync(new StringWriter(), nameRows, "list", "-w", "-l", "lw=json", "-o", "name");
        await rows.Until(JsonKind, 1);
        await nameRows.Until("lw-json", 1);
        fixture.SetStatus(fixture.Get("lw-json"), "False", "Failed", DateTimeOffset.UtcNow, observedGeneration: 1);
        await rows.Until(JsonKind, 2);
        await nameRows.Until("lw-json", 2);
        await interrupt.CancelAsync();
        await nameInterrupt.CancelAsync();
        var result = await json;

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Stderr));
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Ready", "Failed"], lines.Select(l => l.GetProperty("childctl").GetProperty("phase").GetString()));
        Assert.All(lines, l => Assert.Equal("ClusterDeployment", l.GetProperty("kind").GetString()));
        LifecycleGoldenTests.Check("list-watch-name.txt", await name);
    }

    private const string JsonKind = "\"kind\":\"ClusterDeployment\"";

    /// <summary>A shell whose clock stands 30½ minutes after <paramref name="cluster"/> was made (AGE 30m for clusters made seconds apart), its Ctrl-C, and its stdout.</summary>
    private (TestCli Run, CancellationTokenSource Interrupt, Rows Rows) Watching(System.Text.Json.Nodes.JsonObject cluster)
    {
        return Watching(fixture, cluster);
    }

    internal static (TestCli Run, CancellationTokenSource Interrupt, Rows Rows) Watching(StillSandbox fixture, System.Text.Json.Nodes.JsonObject cluster)
    {
        var created = DateTimeOffset.Parse(cluster["metadata"]!["creationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var run = fixture.NewRun();
        run.Time = new TestClock(created.AddSeconds(1830));
        var interrupt = new CancellationTokenSource();
        run.Interrupt = interrupt.Token;
        return (run, interrupt, new Rows());
    }

    /// <summary>A command's stdout that tells when a text has been written a number of times, so the test acts once a row is out.</summary>
    internal sealed class Rows : StringWriter
    {
        private readonly Lock _gate = new();
        private readonly List<(string Text, int Times, TaskCompletionSource Seen)> _waits = [];

        public Task Until(string text, int times)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _waits.Add((text, times, seen));
                Check();
            }

            return seen.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
                Check();
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        private void Check()
        {
            var text = GetStringBuilder().ToString();
            foreach (var (expected, times, seen) in _waits)
            {
                if (text.Split(expected).Length - 1 >= times)
                {
                    seen.TrySetResult();
                }
            }
        }
    }
}

/// <summary>
/// <c>list -w</c> when the management cluster goes away mid-watch, in a sandbox of its own that the test stops: after the
/// watch's own retries (instant on the test clock) it ends with the unreachable error and exit 5, the rows so far printed.
/// </summary>
public sealed class ListWatchApiLostTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task ListWatch_WhenTheApiIsLostMidWatch_EndsWithExit5()
    {
        var (run, interrupt, rows) = ListWatchTests.Watching(fixture, fixture.Seed("lw-lost", "True", "Succeeded", DateTimeOffset.UtcNow));
        using (interrupt)
        {
            var watch = run.RunAsync(new StringWriter(), rows, "list", "-w");
            await rows.Until("lw-lost", 1);
            await fixture.Sandbox.DisposeAsync();
            var result = await watch;

            Assert.Equal(5, result.ExitCode);
            Assert.StartsWith("error: cannot reach the management cluster at https://127.0.0.1:", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("lw-lost", result.Stdout, StringComparison.Ordinal);
        }
    }
}
