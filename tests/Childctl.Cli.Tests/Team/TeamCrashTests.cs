using System.Diagnostics;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Team;

/// <summary>
/// A kill -9 between the local append and the mirror loses nothing: childctl runs as a real process, stops right after
/// the append (<c>CHILDCTL_DEBUG_PAUSE_AFTER_APPEND=1</c>, docs/reliability.md), is sent SIGKILL there, and the next
/// command on that machine sends the pending event.
/// </summary>
public sealed class TeamCrashTests(TeamSandbox fixture) : IClassFixture<TeamSandbox>
{
    [Fact]
    public async Task Note_WhenKilledBetweenTheLocalAppendAndTheMirror_IsSentByTheNextCommandExactlyOnce()
    {
        var alice = fixture.Teammate("alice");

        var killed = await KillAfterLocalAppendAsync(alice, "note", "tm-kill", "noted just before the kill", "--force");
        var recorded = LocalNotes(alice);
        var pendingAfterKill = Directory.GetFiles(PendingFolder(alice));
        var teamAfterKill = await fixture.TeamEventsAsync("tm-kill");
        var next = await alice.RunAsync("note", "tm-kill", "the next command", "--force");

        Assert.Equal(137, killed); // 128 + SIGKILL
        var id = Assert.Single(recorded);
        Assert.Single(pendingAfterKill, p => Path.GetFileName(p).StartsWith(id + ".", StringComparison.Ordinal));
        Assert.Empty(teamAfterKill);
        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.DoesNotContain("warning", next.Stderr, StringComparison.Ordinal);
        var team = (await fixture.TeamEventsAsync("tm-kill")).Where(e => e.Event.GetProperty("action").GetString() == "note_added").ToList();
        Assert.Single(team, e => e.Id == id);
        Assert.Equal("noted just before the kill", team.Single(e => e.Id == id).Event.GetProperty("message").GetString());
        Assert.Single(team, e => e.Event.GetProperty("message").GetString() == "the next command");
        Assert.Equal(2, team.Count);
        var local = LocalNotes(alice);
        Assert.Single(local, n => n == id);
        Assert.Equal(2, local.Count);
        Assert.Empty(Directory.GetFiles(PendingFolder(alice)));
    }

    /// <summary>Runs childctl as its own process on <paramref name="machine"/>, waits for it to pause after the append, SIGKILLs it; its exit code.</summary>
    private static async Task<int> KillAfterLocalAppendAsync(TestCli machine, params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in machine.Environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["CHILDCTL_DEBUG_PAUSE_AFTER_APPEND"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start childctl");
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (await process.StandardError.ReadLineAsync(limit.Token) is { } line)
            {
                if (line.Contains("paused after the local append", StringComparison.Ordinal))
                {
                    process.Kill(); // SIGKILL on Unix: no handler, no finally, nothing flushed
                    await process.WaitForExitAsync(limit.Token);
                    return process.ExitCode;
                }
            }

            Assert.Fail($"childctl exited ({await ExitOf(process)}) without pausing: {await process.StandardOutput.ReadToEndAsync(limit.Token)}");
            return -1;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static async Task<int> ExitOf(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>The ids of the notes in the machine's local history file of tm-kill, in order (an event's id comes before its action).</summary>
    private static List<string> LocalNotes(TestCli machine)
    {
        var notes = new List<string>();
        string? id = null;
        foreach (var line in machine.HistoryText("tm-kill").Split('\n'))
        {
            if (line.StartsWith("    id: ", StringComparison.Ordinal))
            {
                id = line["    id: ".Length..].Trim();
            }
            else if (line.StartsWith("    action: note_added", StringComparison.Ordinal) && id is not null)
            {
                notes.Add(id);
            }
        }

        return notes;
    }

    private static string PendingFolder(TestCli machine) => Path.Combine(machine.HistoryDirectory, "childctl-sandbox", ".team", "pending");
}
