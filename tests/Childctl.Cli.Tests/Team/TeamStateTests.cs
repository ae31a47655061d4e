using System.Text.Json;
using Childctl.History.Team;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Team;

/// <summary>What a machine learnt about the team store (<c>.team/state</c>) decides whether an append touches the team store at all.</summary>
public sealed class TeamStateTests(TeamSandbox fixture) : IClassFixture<TeamSandbox>
{
    [Fact]
    public async Task Note_WhenThisMachineLearntTeamHistoryIsOff_TouchesNoOutboxAndStillSendsItsKubernetesEvent()
    {
        var gina = fixture.Teammate("gina");
        Assert.Equal(0, (await gina.RunAsync("note", "ts-off", "while on", "--force")).ExitCode);
        Directory.Delete(PendingFolder(gina)); // empty: the note was sent
        new TeamState(false, DateTimeOffset.UtcNow, TeamSandbox.TeamNamespace).Write(TeamFolder(gina));

        var note = await gina.RunAsync("note", "ts-off", "while known off", "--force");

        Assert.True(note.ExitCode == 0, note.Stderr);
        Assert.False(Directory.Exists(PendingFolder(gina)), "a marker was made for an event that cannot be mirrored");
        Assert.Equal(["while on"], (await fixture.TeamEventsAsync("ts-off")).Select(e => e.Event.GetProperty("message").GetString()));
        Assert.Equal(2, (await KubernetesEventsAsync("ts-off")).Count(e => e.GetProperty("reason").GetString() == "NoteAdded"));
    }

    [Fact]
    public async Task Note_WhenThisMachineLearntOffMoreThanFiveMinutesAgo_AsksAgainAndMirrors()
    {
        var hank = fixture.Teammate("hank");
        Assert.Equal(0, (await hank.RunAsync("note", "ts-stale", "first", "--force")).ExitCode);
        new TeamState(false, DateTimeOffset.UtcNow - TeamState.Recheck - TimeSpan.FromMinutes(1), TeamSandbox.TeamNamespace).Write(TeamFolder(hank));

        var note = await hank.RunAsync("note", "ts-stale", "after a while", "--force");

        Assert.True(note.ExitCode == 0, note.Stderr);
        Assert.Equal(["after a while", "first"], (await fixture.TeamEventsAsync("ts-stale")).Select(e => e.Event.GetProperty("message").GetString()).Order(StringComparer.Ordinal));
        Assert.True(TeamState.Read(TeamFolder(hank)) is { Enabled: true }, "the marker's answer was not remembered");
    }

    private static string TeamFolder(TestCli machine) => Path.Combine(machine.HistoryDirectory, "childctl-sandbox", ".team");

    private static string PendingFolder(TestCli machine) => Path.Combine(TeamFolder(machine), "pending");

    private async Task<List<JsonElement>> KubernetesEventsAsync(string name)
    {
        var got = await fixture.Kubectl.RunAsync("get", "events", "-n", "kcm-system", "--field-selector", $"involvedObject.name={name},reportingComponent=childctl", "-o", "json");
        using var list = JsonDocument.Parse(got.StdOut);
        return [.. list.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }
}
