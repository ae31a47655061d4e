using System.Globalization;
using System.Text.Json;
using Childctl.Core.History;
using Childctl.History.Store;
using Childctl.Sandbox.Storage;
using static Childctl.Cli.Tests.Audit.AuditWorld;

namespace Childctl.Cli.Tests.Audit;

/// <summary>
/// audit --record of a cluster deleted and applied again with kubectl: the old incarnation's disappearance is dated no
/// later than the new one's creation (the only bound the API gives), so the file stays in time order and history shows
/// the two incarnations one after the other.
/// </summary>
public sealed class RecreatedTimelineTests : IAsyncLifetime
{
    private const string Name = "r-again";
    private AuditWorld _world = null!;
    private string _oldUid = null!;

    public async Task InitializeAsync()
    {
        _world = await StartAsync();
        await _world.CreateAsync(Name);
        _oldUid = _world.Uid(Name);
        await _world.KubectlAsync(null, "delete", "clusterdeployment", Name, "-n", Ns, "--timeout=60s");
        await _world.KubectlAsync(Manifest(Name), "apply", "-f", "-");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Record_WhenRecreated_DatesTheOldIncarnationGoneAtTheNewCreationInTimeOrder()
    {
        var created = CreationTimestamp();
        var end = (await EventsAsync()).Max(e => e.Timestamp);

        var (code, _, _) = await _world.AuditJsonAsync("--record");

        Assert.Equal(9, code);
        var events = await EventsAsync();
        Assert.Equal(events.OrderBy(e => e.Timestamp).Select(e => e.Id), events.Select(e => e.Id));
        var gone = events.Single(e => e.Action == HistoryActions.ObservedDeleted);
        var recreated = events.Single(e => e.Action == "observed_recreated");
        // The creationTimestamp is whole seconds: within the second of the last recorded event, that event's time wins.
        Assert.Equal((_oldUid, created > end ? created : end), (gone.Uid, gone.Timestamp));
        Assert.Equal(created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), gone.Parameters!["gone_at_latest"]);
        Assert.Contains("exact time is unknown", gone.Message, StringComparison.Ordinal);
        Assert.True(gone.Timestamp <= recreated.Timestamp, $"{gone.Timestamp:O} after {recreated.Timestamp:O}");
    }

    [Fact]
    public async Task Record_WhenRunTwice_AppendsNothingTheSecondTime()
    {
        var first = await _world.AuditJsonAsync("--record");
        var text = _world.Run.HistoryText(Name);
        var second = await _world.AuditJsonAsync("--record");

        Assert.Equal(2, first.Report.GetProperty("recorded").GetInt32());
        Assert.Equal((0, 0), (second.ExitCode, second.Report.GetProperty("recorded").GetInt32()));
        Assert.Equal(text, _world.Run.HistoryText(Name));
    }

    [Fact]
    public async Task History_WhenRecreated_ShowsTheOldIncarnationGoneNoLaterThanTheNewOneWithALifetimeKnownOnlyAsABound()
    {
        Assert.Equal(9, (await _world.Run.RunAsync("audit", "--record")).ExitCode);

        var table = await _world.Run.RunAsync("history", Name);
        var json = await _world.Run.RunAsync("history", Name, "-o", "json");

        var one = table.Stdout.IndexOf($"Incarnation 1 of 2: uid {_oldUid} (earlier incarnation, not the cluster under this name now)\n", StringComparison.Ordinal);
        var two = table.Stdout.IndexOf($"Incarnation 2 of 2: uid {_world.Uid(Name)}\n", StringComparison.Ordinal);
        Assert.True(one >= 0 && two > one, table.Stdout);
        using var doc = JsonDocument.Parse(json.Stdout);
        var incarnations = doc.RootElement.GetProperty("items")[0].GetProperty("incarnations").EnumerateArray().Where(i => i.TryGetProperty("uid", out _)).ToList();
        var goneAt = Milestone(incarnations[0], "gone");
        Assert.True(goneAt <= Milestone(incarnations[1], "created"), json.Stdout);
        Assert.Contains(incarnations[0].GetProperty("durations").EnumerateArray(), d =>
            d.GetProperty("from").GetString() == "created" && d.GetProperty("to").GetString() == "gone"
            && !d.TryGetProperty("seconds", out _) && d.GetProperty("text").GetString()!.StartsWith("unknown (at most ", StringComparison.Ordinal)
            && d.GetProperty("at_most_seconds").GetInt64() >= 0);
    }

    private static DateTimeOffset Milestone(JsonElement incarnation, string name) =>
        DateTimeOffset.Parse(
            incarnation.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name).GetProperty("at").GetString()!,
            CultureInfo.InvariantCulture);

    private DateTimeOffset CreationTimestamp() =>
        DateTimeOffset.Parse(
            _world.Sandbox.Store.Get(ResourceType.ClusterDeployment, Ns, Name)!["metadata"]!["creationTimestamp"]!.GetValue<string>(),
            CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<HistoryEvent>> EventsAsync()
    {
        var store = new FileHistoryStore(_world.Run.HistoryDirectory, TimeProvider.System);
        var read = await store.ReadAsync(new HistoryStreamId("childctl-sandbox", Ns, Name));
        return read.Document!.Events;
    }
}
