using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xunit;

namespace Childctl.Cli.Tests.Terminal;

/// <summary>
/// A real terminal for a test: a detached tmux pane of a fixed width on a private tmux server (its own socket, killed
/// after), running one shell command; <see cref="ScreenAsync"/> is what a person would see. childctl runs there as a
/// process (the CLI assembly under <c>dotnet</c>), so its terminal detection, width and escapes are the real ones.
/// </summary>
internal sealed class TmuxPane : IAsyncDisposable
{
    private readonly string _socket = "childctl-test-" + Guid.NewGuid().ToString("N")[..12];

    private TmuxPane()
    {
    }

    public static bool Available => FindOnPath("tmux") is not null;

    /// <summary>The command line that runs this build's childctl in a shell (test paths have no spaces or quotes).</summary>
    public static string Childctl
    {
        get
        {
            var dll = typeof(CliApp).Assembly.Location;
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
            return $"{host} {dll}";
        }
    }

    public static async Task<TmuxPane> StartAsync(int width, string command, IReadOnlyDictionary<string, string> environment)
    {
        var pane = new TmuxPane();
        var exports = string.Join(' ', environment.Select(e => $"{e.Key}='{e.Value}'"));
        // The pane keeps its last screen after the command ends, for ScreenAsync to read.
        await pane.TmuxAsync("new-session", "-d", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", "50",
            $"env TERM=xterm-256color {exports} sh -c \"{command}; echo EXIT:\\$?; sleep 600\"");
        return pane;
    }

    /// <summary>The visible screen, one string per row, trailing blank rows left out.</summary>
    public async Task<List<string>> ScreenAsync()
    {
        var text = await TmuxAsync("capture-pane", "-p");
        var rows = text.Split('\n').Select(r => r.TrimEnd()).ToList();
        while (rows.Count > 0 && rows[^1].Length == 0)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return rows;
    }

    /// <summary>The screen once the command has printed its exit line (polling; fails after <paramref name="timeout"/>).</summary>
    public async Task<List<string>> WaitForExitAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var screen = await ScreenAsync();
            if (screen.Any(r => r.StartsWith("EXIT:", StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                return screen;
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync() => await TmuxAsync("kill-server");

    private async Task<string> TmuxAsync(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}

/// <summary>A theory that needs tmux; skipped, with the reason in its name, where tmux is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmuxTheoryAttribute : TheoryAttribute
{
    public TmuxTheoryAttribute([CallerMemberName] string test = "")
    {
        if (!TmuxPane.Available)
        {
            Skip = "tmux is not installed (apt-get install tmux); this test draws in a real terminal";
            DisplayName = $"{test} [skipped: {Skip}]";
        }
    }
}
