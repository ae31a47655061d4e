using Childctl.Cli.Tests.Lifecycle;
using Childctl.Sandbox;

namespace Childctl.Cli.Tests.Terminal;

/// <summary>A sandbox slow enough (a cluster in a few seconds) that a wait redraws its checklist many times.</summary>
public sealed class TerminalSandbox : LifecycleSandbox
{
    protected override SandboxOptions Options => new() { EnableController = true, Speed = 120 };
}

/// <summary>childctl drawn in a real terminal (tmux) at 80 and 120 columns: what a person sees, escapes and all.</summary>
public sealed class TerminalTests(TerminalSandbox sandbox) : IClassFixture<TerminalSandbox>
{
    private static readonly string[] MarkPrefixes = ["  ✓ ", "  … ", "  ✗ "];

    [TmuxTheory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task Wait_WhenLiveInATerminal_RedrawsInPlaceWithOneRowPerLine(int width)
    {
        var name = $"term-wait-{width}";
        var run = sandbox.NewRun();
        var created = await run.RunAsync("create", "azure", name, "--location", "eastus", "--subscription-id", "sub-1");
        Assert.Equal(0, created.ExitCode);

        await using var pane = await TmuxPane.StartAsync(width, $"{TmuxPane.Childctl} wait {name}", Environment(run));
        var screen = await pane.WaitForExitAsync(TimeSpan.FromMinutes(2));

        var text = string.Join('\n', screen);
        Assert.Contains("EXIT:0", text, StringComparison.Ordinal);
        Assert.Single(screen, r => r.StartsWith($"kcm-system/{name}  [", StringComparison.Ordinal));
        Assert.Single(screen, r => r.Contains(" TemplateReady", StringComparison.Ordinal));
        // Every row is a whole line: the header, a checklist line, the outcome or the exit; no wrapped half-lines.
        Assert.All(screen, r => Assert.True(
            r.StartsWith($"kcm-system/{name}", StringComparison.Ordinal) || MarkPrefixes.Any(p => r.StartsWith(p, StringComparison.Ordinal))
            || r.StartsWith("clusterdeployment.", StringComparison.Ordinal) || r.StartsWith("EXIT:", StringComparison.Ordinal),
            $"unexpected row at {width} columns: '{r}'\n{text}"));
    }

    [TmuxTheory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task List_WhenOnANarrowTerminal_CutsMessageWithAnEllipsis_AndNotWhenPiped(int width)
    {
        var run = sandbox.NewRun();
        var name = $"term-list-{width}";
        Assert.Equal(0, (await run.RunAsync("create", "gcp", name, "--region", "us-east4", "--project", "p1", "--k0rdent-dry-run")).ExitCode);
        var columns = "custom-columns=NAME:.metadata.name,MESSAGE:.metadata";

        await using var pane = await TmuxPane.StartAsync(width,
            $"{TmuxPane.Childctl} list -o '{columns}'; echo PIPED; {TmuxPane.Childctl} list -o '{columns}' | cat", Environment(run));
        var screen = await pane.WaitForExitAsync(TimeSpan.FromMinutes(1));

        var piped = screen.IndexOf("PIPED");
        Assert.True(piped > 0, string.Join('\n', screen));
        var onTerminal = screen[..piped].Where(r => r.StartsWith("term-", StringComparison.Ordinal)).ToList();
        Assert.Contains(onTerminal, r => r.StartsWith(name, StringComparison.Ordinal));
        Assert.All(onTerminal, r => Assert.True(r.Length <= width && r.EndsWith('…'), $"not cut to {width}: {r}"));
        Assert.Equal(("NAME   ", piped), (screen[0][..7], 1 + onTerminal.Count)); // the header and whole rows, none wrapped
        Assert.DoesNotContain("…", string.Join('\n', screen[piped..]), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", string.Join('\n', screen), StringComparison.Ordinal);
    }

    [TmuxTheory]
    [InlineData(80)]
    public async Task Version_WhenOnATerminal_LeavesTheTerminalModesAlone(int width)
    {
        var log = Path.Combine(sandbox.Directory, $"version-{Guid.NewGuid():N}.bytes");

        // script(1) records every byte written to the terminal, escapes included.
        await using var pane = await TmuxPane.StartAsync(width, $"script -q -c '{TmuxPane.Childctl} version' {log} >/dev/null", new Dictionary<string, string>());
        await pane.WaitForExitAsync(TimeSpan.FromMinutes(1));

        var bytes = await File.ReadAllTextAsync(log);
        Assert.Contains("childctl ", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[?1h", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b=", bytes, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(Testing.TestCli run) => new()
    {
        ["HOME"] = run.Home,
        ["KUBECONFIG"] = run.Environment["KUBECONFIG"],
        ["CHILDCTL_HISTORY_DIR"] = run.HistoryDirectory,
    };
}
