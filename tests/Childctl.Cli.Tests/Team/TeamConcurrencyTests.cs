using Childctl.Testing;

namespace Childctl.Cli.Tests.Team;

/// <summary>
/// Many writers: the team store ends up with every event exactly once. The test runs its 16 writers in-process (16
/// concurrent command runs on 4 simulated machines, as separate processes would share a machine's history folder).
/// </summary>
public sealed class TeamConcurrencyTests(TeamSandbox fixture) : IClassFixture<TeamSandbox>
{
    private const int Machines = 4;
    private const int ProcessesPerMachine = 4;
    private const int OperationsPerProcess = 100;

    [Fact]
    public async Task Store_WhenSixteenWritersOnFourMachinesAppendToOneCluster_HoldsEveryEventExactlyOnce()
    {
        Assert.Equal(0, (await fixture.Admin.RunAsync("create", "azure", "tm-busy", "--location", "eastus", "--subscription-id", "sub-1")).ExitCode);
        var machines = Enumerable.Range(0, Machines).Select(m => fixture.Teammate($"op{m}")).ToList();
        var writers = machines.SelectMany((machine, m) => Enumerable.Range(0, ProcessesPerMachine).Select(p => WriteAsync(TeamSandbox.SameMachine(machine), m, p)));

        var failures = (await Task.WhenAll(writers)).SelectMany(f => f).ToList();
        var team = (await fixture.TeamEventsAsync("tm-busy")).Where(e => e.Event.GetProperty("action").GetString() == "note_added").ToList();

        Assert.Empty(failures);
        var local = machines.SelectMany(m => LocalIds(m.HistoryText("tm-busy"))).ToList();
        Assert.Equal(Machines * ProcessesPerMachine * OperationsPerProcess, local.Count);
        Assert.Equal(local.Count, team.Count);
        Assert.Equal(local.Order(StringComparer.Ordinal), team.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.True(team.Select(e => e.Chunk).Distinct().Count() > 1, "1,600 notes fill more than one chunk, so rolling over was exercised");
        Assert.All(machines, m => Assert.Empty(Directory.GetFiles(PendingFolder(m))));
    }

    private static async Task<List<string>> WriteAsync(TestCli cli, int machine, int process)
    {
        var failures = new List<string>();
        for (var i = 0; i < OperationsPerProcess; i++)
        {
            var result = await cli.RunAsync("note", "tm-busy", $"m{machine} p{process} op{i}");
            if (result.ExitCode != 0 || result.Stderr.Contains("warning", StringComparison.Ordinal))
            {
                failures.Add($"m{machine} p{process} op{i}: {result.ExitCode} {result.Stderr}");
            }
        }

        return failures;
    }

    private static IEnumerable<string> LocalIds(string historyFile) =>
        historyFile.Split('\n').Where(l => l.StartsWith("    id: ", StringComparison.Ordinal)).Select(l => l["    id: ".Length..].Trim());

    private static string PendingFolder(TestCli machine)
    {
        var folder = Path.Combine(machine.HistoryDirectory, "childctl-sandbox", ".team", "pending");
        return Directory.Exists(folder) ? folder : machine.HistoryDirectory;
    }
}
