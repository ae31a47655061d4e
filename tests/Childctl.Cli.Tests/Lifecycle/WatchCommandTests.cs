using System.Text.Json;

namespace Childctl.Cli.Tests.Lifecycle;

public sealed class WatchCommandTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task WatchName_AsJson_EmitsEveryWatchEventAsOneJsonLine_AndEndsWhenTheClusterIsGone()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "wj-one", "--region", "us-west-2", "--wait")).ExitCode);

        var watch = run.RunAsync("watch", "wj-one", "-o", "json");
        Assert.Equal(0, (await run.RunAsync("delete", "wj-one", "--yes")).ExitCode);
        var result = await watch;

        Assert.Equal(0, result.ExitCode);
        var events = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("ADDED", events[0].GetProperty("type").GetString());
        Assert.Equal("DELETED", events[^1].GetProperty("type").GetString());
        Assert.All(events, e => Assert.Equal("wj-one", e.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Watch_WithoutATerminal_PrintsOneLinePerPhaseChange()
    {
        var run = fixture.NewRun();
        var watch = run.RunAsync("watch", "wl-one");
        await Task.Yield();
        Assert.Equal(0, (await run.RunAsync("create", "gcp", "wl-one", "--region", "us-east4", "--project", "p", "--wait")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("delete", "wl-one", "--yes")).ExitCode);
        var result = await watch;

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains(" kcm-system/wl-one Ready ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" kcm-system/wl-one Deleting ", StringComparison.Ordinal));
        Assert.EndsWith("kcm-system/wl-one Gone deleted from the management cluster", lines[^1], StringComparison.Ordinal);
        Assert.Equal(lines.Length, lines.Distinct().Count());
    }
}
