using System.Text.Json.Nodes;
using Childctl.Kubernetes.Watching;
using Microsoft.Extensions.Time.Testing;
using static Childctl.Kubernetes.Tests.Watching.ScriptedWatchSource;

namespace Childctl.Kubernetes.Tests.Watching;

public class ResilientWatchTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Run_WhenStarted_DeliversTheListThenSyncedThenWatchEvents()
    {
        var source = new ScriptedWatchSource();
        source.Lists.Enqueue(new WatchList<JsonObject>([Object("a", "1")], "10"));
        source.Streams.Enqueue(([Event(WatchEventType.Modified, "a", "11"), Event(WatchEventType.Deleted, "a", "12")], null));

        var changes = await TakeAsync(new ResilientWatch<JsonObject>(source, _time), 4);

        Assert.Equal([WatchChangeKind.Added, WatchChangeKind.Synced, WatchChangeKind.Modified, WatchChangeKind.Deleted], changes.Select(c => c.Kind));
        Assert.Equal("10", source.WatchedFrom[0]);
    }

    [Fact]
    public async Task Run_WhenTheVersionExpires_RelistsAndReportsWhatChangedMeanwhile()
    {
        var source = new ScriptedWatchSource();
        source.Lists.Enqueue(new WatchList<JsonObject>([Object("a", "1"), Object("b", "2")], "10"));
        source.Lists.Enqueue(new WatchList<JsonObject>([Object("a", "1"), Object("c", "30")], "31"));
        source.Streams.Enqueue(([new WatchEvent<JsonObject>(WatchEventType.Error, null, null, 410, "too old")], null));
        var watch = new ResilientWatch<JsonObject>(source, _time);

        var changes = await TakeAsync(watch, 5);

        Assert.Equal(
            ["Added a", "Added b", "Synced ", "Added c", "Deleted b"],
            changes.Select(c => $"{c.Kind} {c.Object?["metadata"]?["name"]}"));
        Assert.Equal(1, watch.Relists);
    }

    [Fact]
    public async Task Run_WhenAStreamDrops_WatchesAgainFromTheLastVersionSeen()
    {
        var source = new ScriptedWatchSource();
        source.Lists.Enqueue(new WatchList<JsonObject>([], "10"));
        source.Streams.Enqueue(([Event(WatchEventType.Added, "a", "11"), new WatchEvent<JsonObject>(WatchEventType.Bookmark, null, "15")], KubernetesErrorKind.Unreachable));
        source.Streams.Enqueue(([Event(WatchEventType.Modified, "a", "16")], null));
        var watch = new ResilientWatch<JsonObject>(source, _time, new WatchOptions { RetryDelay = TimeSpan.Zero });

        var changes = await TakeAsync(watch, 3);

        Assert.Equal([WatchChangeKind.Synced, WatchChangeKind.Added, WatchChangeKind.Modified], changes.Select(c => c.Kind));
        Assert.Equal(["10", "15"], source.WatchedFrom);
        Assert.Equal(1, watch.Drops);
    }

    [Fact]
    public async Task Run_WhenStreamsKeepDropping_FallsBackToPolling()
    {
        var source = new ScriptedWatchSource();
        source.Lists.Enqueue(new WatchList<JsonObject>([Object("a", "1")], "10"));
        source.Lists.Enqueue(new WatchList<JsonObject>([], "20"));
        for (var i = 0; i < 3; i++)
        {
            source.Streams.Enqueue(([], KubernetesErrorKind.Unreachable));
        }

        var watch = new ResilientWatch<JsonObject>(source, _time, new WatchOptions { RetryDelay = TimeSpan.Zero, PollInterval = TimeSpan.FromSeconds(2) });
        var changes = await AdvanceUntilAsync(TakeAsync(watch, 3));
        Assert.Equal(WatchChangeKind.Deleted, changes[2].Kind);
        Assert.True(watch.Polling);
        Assert.Equal(3, source.WatchedFrom.Count);
    }

    [Fact]
    public async Task Run_WhenWatchIsForbidden_PollsStraightAway()
    {
        var source = new ScriptedWatchSource();
        source.Lists.Enqueue(new WatchList<JsonObject>([], "10"));
        source.Lists.Enqueue(new WatchList<JsonObject>([Object("b", "11")], "11"));
        source.Streams.Enqueue(([], KubernetesErrorKind.PermissionDenied));
        var watch = new ResilientWatch<JsonObject>(source, _time);

        var changes = await AdvanceUntilAsync(TakeAsync(watch, 2));

        Assert.Equal(WatchChangeKind.Added, changes[1].Kind);
        Assert.True(watch.Polling);
        Assert.Single(source.WatchedFrom);
    }

    [Fact]
    public async Task Run_WhenARelistShowsARecreatedObject_ReportsADeleteAndAnAdd()
    {
        var source = new ScriptedWatchSource();
        source.Lists.Enqueue(new WatchList<JsonObject>([Object("a", "1", uid: "old")], "10"));
        source.Lists.Enqueue(new WatchList<JsonObject>([Object("a", "40", uid: "new")], "41"));
        source.Streams.Enqueue(([new WatchEvent<JsonObject>(WatchEventType.Error, null, null, 410, "too old")], null));

        var changes = await TakeAsync(new ResilientWatch<JsonObject>(source, _time), 4);

        Assert.Equal(
            ["Added old", "Synced ", "Deleted old", "Added new"],
            changes.Select(c => $"{c.Kind} {c.Object?["metadata"]?["uid"]}"));
    }

    private async Task<T> AdvanceUntilAsync<T>(Task<T> pending)
    {
        while (!pending.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        return await pending;
    }

    private static async Task<List<WatchChange<JsonObject>>> TakeAsync(ResilientWatch<JsonObject> watch, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = new List<WatchChange<JsonObject>>();
        await foreach (var change in watch.RunAsync(cts.Token))
        {
            result.Add(change);
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }
}
