using System.Text.RegularExpressions;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// The whole output of <c>delete</c> and <c>watch</c> against golden files, with the controller off so that every
/// cluster is exactly in the state the test wrote (Ready, never moving on by itself). The clock stands an hour after
/// the clusters were made, so their ages read 60m; the times a watch prints are masked.
/// </summary>
public sealed partial class LifecycleStillGoldenTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task Delete_WhenBySelectorOrName_ShowsThePlanRefusesWithoutATerminalAndDeletes()
    {
        foreach (var name in new[] { "gs-delete-a", "gs-delete-b" })
        {
            fixture.Seed(name, "True", "Succeeded", DateTimeOffset.UtcNow);
            Label(name, "golden", "delete");
        }

        var run = fixture.NewRun();
        run.Time = new TestClock(DateTimeOffset.UtcNow.AddHours(1));

        LifecycleGoldenTests.Check("delete-dry-run.txt", await run.RunAsync("delete", "-l", "golden=delete", "--dry-run"));
        LifecycleGoldenTests.Check("delete-unconfirmed.txt", await run.RunAsync("delete", "-l", "golden=delete"));
        LifecycleGoldenTests.Check("delete.txt", await run.RunAsync("delete", "gs-delete-a", "--yes", "--reason", "golden"));
        LifecycleGoldenTests.Check("delete-missing.txt", await run.RunAsync("delete", "gs-delete-a", "gs-delete-never", "--yes"));
    }

    [Fact]
    public async Task WatchName_WhenTheClusterIsCreatedThenDeleted_ShowsEachPhaseThenEnds()
    {
        var run = fixture.NewRun();
        var stderr = new LineSignal("does not exist (yet)");

        var watch = run.RunAsync(stderr, "watch", "gs-watch");
        await stderr.Seen.WaitAsync(TimeSpan.FromMinutes(1));
        fixture.Seed("gs-watch", "True", "Succeeded", DateTimeOffset.UtcNow);
        fixture.Sandbox.Store.Delete(ResourceType.ClusterDeployment, StillSandbox.Ns, "gs-watch");
        var result = await watch;

        LifecycleGoldenTests.Check("watch-name.txt", result with { Stdout = Time().Replace(result.Stdout, "<time>") });
    }

    private void Label(string name, string key, string value)
    {
        var cluster = fixture.Get(name);
        cluster["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { [key] = value };
        fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "test");
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")]
    private static partial Regex Time();
}
