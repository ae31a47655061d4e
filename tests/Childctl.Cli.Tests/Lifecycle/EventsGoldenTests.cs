using System.Globalization;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// The whole output of <c>events</c> against golden files, with the controller off so that the only Events are those the
/// test writes: one cluster's (an Event of an earlier incarnation under the same name is left out, as in status), every
/// cluster's, json, a cluster only history still knows, and <c>-w</c> printing an Event that arrives while it follows.
/// The clock stands at a fixed time so that LAST SEEN reads the same every run.
/// </summary>
public sealed class EventsGoldenTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_WhenTheClusterHasEventsOfTwoIncarnations_ShowsOnlyTheLiveOnesAndEveryClustersWithoutName()
    {
        var uid = Uid(fixture.Seed("ge-a", "True", "Succeeded", Now.AddHours(-1)));
        AddEvent("ge-a.1", "ge-a", uid, "Normal", "HelmReleaseIsReady", "HelmRelease kcm-system/ge-a is ready", Now.AddMinutes(-20), 1);
        AddEvent("ge-a.2", "ge-a", uid, "Warning", "CAPIClusterIsProvisioning", "Cluster kcm-system/ge-a is provisioning", Now.AddMinutes(-40), 3);
        AddEvent("ge-a.old", "ge-a", "00000000-0000-0000-0000-000000000001", "Normal", "ClusterDeleted", "an earlier incarnation", Now.AddMinutes(-50), 1);
        var run = Run();

        LifecycleGoldenTests.Check("events-name.txt", await run.RunAsync("events", "ge-a"));
        LifecycleGoldenTests.Check("events-all.txt", await run.RunAsync("events"));
        var json = await run.RunAsync("events", "ge-a", "-o", "json");
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("\"kind\": \"List\"", json.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"reason\": \"HelmReleaseIsReady\"", json.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("an earlier incarnation", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_WhenTheClusterIsUnknownOrOnlyInHistory_FailsOrShowsTheRecordedIncarnation()
    {
        var run = Run();

        LifecycleGoldenTests.Check("events-not-found.txt", await run.RunAsync("events", "ge-never"));
        LifecycleGoldenTests.Check("events-watch-json.txt", await run.RunAsync("events", "-w", "-o", "json"));
    }

    private TestCli Run()
    {
        var run = fixture.NewRun();
        run.Time = new TestClock(Now);
        return run;
    }

    internal static string Uid(JsonObject cluster) => cluster["metadata"]!["uid"]!.GetValue<string>();

    private void AddEvent(string name, string cluster, string uid, string type, string reason, string message, DateTimeOffset at, int count) =>
        AddEvent(fixture, name, cluster, uid, type, reason, message, at, count);

    internal static void AddEvent(StillSandbox fixture, string name, string cluster, string uid, string type, string reason, string message, DateTimeOffset at, int count) =>
        fixture.Sandbox.Store.Create(ResourceType.Event, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = StillSandbox.Ns },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = "k0rdent.mirantis.com/v1beta1", ["kind"] = "ClusterDeployment", ["namespace"] = StillSandbox.Ns, ["name"] = cluster, ["uid"] = uid,
            },
            ["type"] = type,
            ["reason"] = reason,
            ["message"] = message,
            ["count"] = count,
            ["source"] = new JsonObject { ["component"] = "clusterdeployment-controller" },
            ["lastTimestamp"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }, "test");
}

/// <summary>
/// <c>events NAME -w</c> in a sandbox of its own: the Event written while it follows is printed as a row; the run ends when
/// the test's shell interrupts it, as Ctrl-C would.
/// </summary>
public sealed class EventsWatchTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task EventsWatch_WhenAnEventArrivesWhileFollowing_PrintsItAsARow()
    {
        var uid = EventsGoldenTests.Uid(fixture.Seed("ge-w", "True", "Succeeded", DateTimeOffset.UtcNow.AddHours(-1)));
        EventsGoldenTests.AddEvent(fixture, "ge-w.1", "ge-w", uid, "Normal", "HelmReleaseIsReady", "first", DateTimeOffset.UtcNow.AddMinutes(-5), 1);
        var run = fixture.NewRun();
        run.Timeout = TimeSpan.FromSeconds(8);
        var stderr = new LineSignal("following");

        var watch = run.RunAsync(stderr, "events", "ge-w", "-w");
        await stderr.Seen.WaitAsync(TimeSpan.FromMinutes(1));
        EventsGoldenTests.AddEvent(fixture, "ge-w.2", "ge-w", uid, "Warning", "CAPIClusterIsProvisioning", "second, while following", DateTimeOffset.UtcNow.AddMinutes(-1), 1);
        var result = await watch;

        Assert.Contains("CAPIClusterIsProvisioning", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("clusterdeployment/ge-w", StringComparison.Ordinal)));
    }
}
