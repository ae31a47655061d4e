using System.Text.Json;
using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.Cli.Tests.History;

/// <summary>history NAME grouped by incarnation, from a hand-written history and with the API unreachable.</summary>
public sealed class HistoryIncarnationTests : IDisposable
{
    private const string UidA = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string UidB = "bbbbbbbb-0000-4000-8000-000000000002";
    private static readonly DateTimeOffset T0 = new(2025, 7, 11, 14, 0, 0, TimeSpan.Zero);
    private readonly HistoryCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task History_WhenOneCluster_GroupsByIncarnationWithMilestonesAndDurations()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("history", "omega");

        Assert.Equal(0, result.ExitCode);
        Golden.Check("history/incarnations.txt", result.Stdout);
    }

    [Fact]
    public async Task History_WhenJson_CarriesMilestonesAndDurationsPerIncarnation()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("history", "omega", "-o", "json");

        using var doc = JsonDocument.Parse(result.Stdout);
        var first = doc.RootElement.GetProperty("items")[0].GetProperty("incarnations")[0];
        Assert.Equal(UidA, first.GetProperty("uid").GetString());
        Assert.Equal(["created", "ready", "delete requested", "gone"], first.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var toReady = first.GetProperty("durations")[0];
        Assert.Equal(("created", "ready", 492L, "8m12s"), (toReady.GetProperty("from").GetString(), toReady.GetProperty("to").GetString(), toReady.GetProperty("seconds").GetInt64(), toReady.GetProperty("text").GetString()));
        Assert.False(doc.RootElement.GetProperty("items")[0].TryGetProperty("live_events", out _));
    }

    [Fact]
    public async Task History_WhenFilteredByUid_ShowsOnlyThatIncarnationOrAnEmptyList()
    {
        await SeedAsync();

        var one = await _cli.RunAsync("history", "omega", "--uid", UidB[..8], "-o", "json");
        var none = await _cli.RunAsync("history", "omega", "--action", "no_such_action", "-o", "json");

        using var doc = JsonDocument.Parse(one.Stdout);
        var item = Assert.Single(doc.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal([UidB], item.GetProperty("incarnations").EnumerateArray().Select(i => i.GetProperty("uid").GetString()));
        Assert.All(item.GetProperty("events").EnumerateArray(), e => Assert.Equal(UidB, e.GetProperty("uid").GetString()));
        using var empty = JsonDocument.Parse(none.Stdout);
        Assert.Equal(0, none.ExitCode);
        Assert.Empty(empty.RootElement.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task History_WhenAllClusters_IsOneMergedTimelineMarkingObservedEntries()
    {
        await SeedAsync();
        _cli.Time = T0.AddHours(3);
        Assert.Equal(0, (await _cli.RunAsync("note", "zeta", "another cluster")).ExitCode);

        var result = await _cli.RunAsync("history");

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(9, lines.Count);
        Assert.Equal(lines.OrderBy(l => l[..20], StringComparer.Ordinal), lines);
        Assert.Contains(lines, l => l.Contains("observed_recreated", StringComparison.Ordinal) && l.Contains("[observed]", StringComparison.Ordinal));
        Assert.Contains("kcm-system/zeta", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WhenWithEventsHasNoName_IsUsageErrorExit2()
    {
        var result = await _cli.RunAsync("history", "--with-events");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--with-events shows one cluster's live Events: give its NAME", result.Stderr, StringComparison.Ordinal);
    }

    private async Task SeedAsync()
    {
        var store = new FileHistoryStore(_cli.HistoryDir, TimeProvider.System);
        var stream = new HistoryStreamId(HistoryCli.Mc, "kcm-system", "omega");
        HistoryEvent[] events =
        [
            E(0, "cluster_created", UidA, "rbias", EventSources.Childctl, "created from template aws-standalone-cp-1-0-43", result: "succeeded"),
            E(8.2, "observed_ready", UidA, null, EventSources.Observed, "became Ready after 8m12s", ("ready_at", "2025-07-11T14:08:12Z"), ("ready_from", "2025-07-11T14:00:00Z"), ("time_to_ready", "8m12s")),
            E(60, "note_added", UidA, "rbias", EventSources.Childctl, "load test done"),
            E(90, "cluster_deleted", UidA, "rbias", EventSources.Childctl, "deletion accepted", result: "succeeded"),
            E(94, "observed_deleted", UidA, null, EventSources.Observed, "gone 4m after deletion was requested", ("deletion_requested_at", "2025-07-11T15:30:00Z")),
            E(100, "note_added", null, "rbias", EventSources.Childctl, "written offline"),
            E(120, "observed_recreated", UidB, null, EventSources.Observed, "recreated by kubectl-client-side-apply; history knows uid aaaaaaaa-0000-4000-8000-000000000001 under this name"),
            E(129.5, "observed_ready", UidB, null, EventSources.Observed, "observed Ready", ("ready_at", "2025-07-11T16:09:30Z")),
        ];
        foreach (var e in events)
        {
            await store.AppendAsync(stream, [e]);
        }
    }

    private static HistoryEvent E(double minutes, string action, string? uid, string? user, string source, string message,
        params (string Key, string Value)[] parameters) => E(minutes, action, uid, user, source, message, null, parameters);

    private static HistoryEvent E(double minutes, string action, string? uid, string? user, string source, string message, string? result,
        params (string Key, string Value)[] parameters) => new()
    {
        Timestamp = T0.AddSeconds(Math.Round(minutes * 60)),
        Id = $"{action}-{minutes}".Replace('.', '-'),
        Action = action,
        User = user,
        Uid = uid,
        Parameters = parameters.Length > 0 ? parameters.ToDictionary(p => p.Key, p => p.Value) : null,
        Message = message,
        Result = result,
        Source = source,
    };
}
