using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// The whole output of <c>wait</c> over many clusters against golden files, with the controller off so that every
/// cluster stays exactly in the state the test wrote: a selector catching Ready and Failed clusters (exit 8), names of
/// which one does not exist, a selector that matches nothing, clusters followed until deleted, and the usage errors.
/// </summary>
public sealed class BatchWaitGoldenTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task WaitBySelector_WhenOneOfThreeHasFailed_ReportsEachAndExitsEight()
    {
        Seed("golden=bw", ("gw-sel-a", "True", "Succeeded"), ("gw-sel-b", "False", "Failed"), ("gw-sel-c", "True", "Succeeded"));
        var run = fixture.NewRun();

        BatchGoldenTests.Check("wait-selector-partial.txt", await run.RunAsync("wait", "-l", "golden=bw", "--timeout", "1m"));
        Assert.Contains("action: observed_ready", run.HistoryText("gw-sel-a"), StringComparison.Ordinal);
        Assert.Contains("action: observed_failed", run.HistoryText("gw-sel-b"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitNames_WhenOneIsMissing_WaitsForTheOthersAndExitsEight()
    {
        Seed("golden=bn", ("gw-name-a", "True", "Succeeded"), ("gw-name-b", "True", "Succeeded"));
        var run = fixture.NewRun();

        BatchGoldenTests.Check("wait-names-missing.txt", await run.RunAsync("wait", "gw-name-a", "gw-name-b", "gw-name-never"));
        BatchGoldenTests.Check("wait-selector-none.txt", await run.RunAsync("wait", "-l", "golden=nothing-has-this"));
    }

    [Fact]
    public async Task WaitForDeleted_WhenBothAreDeletedWhileWaiting_EndsWhenTheLastIsGone()
    {
        Seed("golden=bd", ("gw-del-a", "True", "Succeeded"), ("gw-del-b", "True", "Succeeded"));
        var run = fixture.NewRun();
        var stderr = new LineSignal("Waiting up to");

        var wait = run.RunAsync(stderr, "wait", "gw-del-a", "gw-del-b", "--for", "deleted");
        await stderr.Seen.WaitAsync(TimeSpan.FromMinutes(1));
        fixture.Sandbox.Store.Delete(ResourceType.ClusterDeployment, StillSandbox.Ns, "gw-del-a");
        fixture.Sandbox.Store.Delete(ResourceType.ClusterDeployment, StillSandbox.Ns, "gw-del-b");

        BatchGoldenTests.Check("wait-deleted.txt", await wait);
        Assert.Contains("action: observed_deleted", run.HistoryText("gw-del-b"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitBySelector_WhenStderrIsATerminal_DrawsOneBlockOfLinesCutTo79ColumnsThenTheResults()
    {
        Seed("golden=live", ("gw-live-a", "True", "Succeeded"), ("gw-live-with-a-name-long-enough-to-be-cut-at-the-edge-of-80", "False", "Failed"));
        var run = fixture.NewRun();
        run.StderrIsTerminal = true;

        var result = await run.RunAsync("wait", "-l", "golden=live");

        BatchGoldenTests.CheckLive("wait-live.txt", result);
        var block = result.Stderr.Split('\n').Where(line => line.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, block.Count);
        Assert.All(block, line => Assert.True(line.Length <= Childctl.Cli.Output.BatchWaitView.LineWidth, line));
    }

    [Theory]
    [InlineData("wait-nothing-named.txt", new[] { "wait" })]
    [InlineData("wait-names-and-selector.txt", new[] { "wait", "gw-x", "-l", "a=b" })]
    [InlineData("wait-names-all-namespaces.txt", new[] { "wait", "gw-x", "gw-y", "-A" })]
    public async Task Wait_WhenTheSelectionIsBad_FailsWithUsage(string golden, string[] args)
    {
        BatchGoldenTests.Check(golden, await fixture.NewRun().RunAsync(args));
    }

    private void Seed(string label, params (string Name, string Status, string Reason)[] clusters)
    {
        var (key, value) = (label.Split('=')[0], label.Split('=')[1]);
        foreach (var (name, status, reason) in clusters)
        {
            fixture.Seed(name, status, reason, DateTimeOffset.UtcNow);
            var cluster = fixture.Get(name);
            cluster["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { [key] = value };
            fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "test");
        }
    }
}
