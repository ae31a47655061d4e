using System.Text.Json;
using static Childctl.Cli.Tests.Audit.AuditWorld;

namespace Childctl.Cli.Tests.Audit;

/// <summary>history NAME over a real lifecycle: incarnations with durations, live Events on request, and offline use.</summary>
public sealed class HistoryTimelineTests : IAsyncLifetime
{
    private AuditWorld _world = null!;

    public async Task InitializeAsync() => _world = await StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task History_WhenAClusterWasRecreatedElsewhere_ShowsEachIncarnationWithItsDurations()
    {
        await _world.CreateAsync("t-life", "--wait");
        var first = _world.Uid("t-life");
        Assert.Equal(0, (await _world.Run.RunAsync("delete", "t-life", "--yes", "--wait")).ExitCode);
        await _world.KubectlAsync(Manifest("t-life"), "apply", "-f", "-");
        Assert.Equal(9, (await _world.Run.RunAsync("audit", "--record")).ExitCode);

        var result = await _world.Run.RunAsync("history", "t-life");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(result.Stdout.Contains("delete requested → gone", StringComparison.Ordinal), result.Stdout);
        Assert.Contains($"Incarnation 1 of 2: uid {first} (earlier incarnation, not the cluster under this name now)\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Incarnation 2 of 2: uid {_world.Uid("t-life")}\n", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"  durations:  created → ready \S+, delete requested → gone \S+, lifetime \S+\n", result.Stdout);
        Assert.Matches(@"  milestones: created \S+ \[observed\]\n", result.Stdout);
        Assert.Matches(@"observed_recreated +unknown +- +\[observed\] recreated by kubectl-client-side-apply", result.Stdout);
    }

    [Fact]
    public async Task History_WhenWithEvents_AddsTheCurrentIncarnationsLiveEventsMarkedAndNotStored()
    {
        await _world.CreateAsync("t-events", "--wait");
        var file = _world.Run.HistoryText("t-events");

        var table = await _world.Run.RunAsync("history", "t-events", "--with-events");
        var json = await _world.Run.RunAsync("history", "t-events", "--with-events", "-o", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("(live now)", table.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"event/HelmReleaseCreated +\S+ +Normal +\[live event, not stored\] ", table.Stdout);
        Assert.Contains($"With live Kubernetes Events of uid {_world.Uid("t-events")}", table.Stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Stdout);
        var live = doc.RootElement.GetProperty("items")[0].GetProperty("live_events");
        Assert.Contains("never stored", live.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains(live.GetProperty("items").EnumerateArray(), e => e.GetProperty("reason").GetString() == "HelmReleaseCreated");
        Assert.Equal(file, _world.Run.HistoryText("t-events"));
    }

    [Fact]
    public async Task History_WhenTheApiIsDown_WorksButWithEventsFailsWithExit5()
    {
        await _world.CreateAsync("t-down", "--wait");
        await _world.StopSandboxAsync();

        var offline = await _world.Run.RunAsync("history", "t-down");
        var all = await _world.Run.RunAsync("history");
        var live = await _world.Run.RunAsync("history", "t-down", "--with-events");

        Assert.True(offline.ExitCode == 0, offline.Stdout + offline.Stderr);
        Assert.True(offline.Stdout.Contains("created → ready", StringComparison.Ordinal), offline.Stdout);
        Assert.Contains("Incarnation 1 of 1: uid ", offline.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"durations:  created → ready \S+\n", offline.Stdout);
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("kcm-system/t-down", all.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, live.ExitCode);
        Assert.Equal(string.Empty, live.Stdout);
    }
}
