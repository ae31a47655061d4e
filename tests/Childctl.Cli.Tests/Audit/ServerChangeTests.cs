using static Childctl.Cli.Tests.Audit.AuditWorld;

namespace Childctl.Cli.Tests.Audit;

/// <summary>
/// One history folder for two management clusters of the same kubeconfig cluster name (a sandbox restarted on a new
/// port, or a second sandbox): audit warns and still reports; audit --record refuses unless the change is accepted.
/// </summary>
public sealed class ServerChangeTests : IAsyncLifetime
{
    private AuditWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await StartAsync();
        await _world.CreateAsync("s-old");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Audit_WhenTheSandboxRestarted_WarnsOnceNamingBothServersAndStillReports()
    {
        var old = _world.Server;
        await _world.RestartSandboxAsync();

        var (code, report, stderr) = await _world.AuditJsonAsync();

        Assert.NotEqual(old, _world.Server);
        Assert.Equal(9, code);
        Assert.Equal("deleted_elsewhere", Item(report, "s-old").GetProperty("class").GetString());
        var warning = Assert.Single(stderr.Split('\n'), l => l.Contains("warning", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith(
            $"warning: the history of 1 cluster filed under childctl-sandbox (kcm-system/s-old) was recorded against {old}, not this context's server {_world.Server}: ",
            warning,
            StringComparison.Ordinal);
        Assert.Contains("restarted sandbox (each 'sandbox up' is a new, empty world on a new port)", warning, StringComparison.Ordinal);
        Assert.Contains("a distinct kubeconfig cluster name or --history-dir", warning, StringComparison.Ordinal);
        Assert.Contains("--accept-server-change", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Run 'childctl audit --record'", stderr, StringComparison.Ordinal);
        var change = report.GetProperty("server_change");
        Assert.Equal(_world.Server, change.GetProperty("server").GetString());
        Assert.Equal([old], change.GetProperty("recorded_servers").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["kcm-system/s-old"], change.GetProperty("clusters").EnumerateArray().Select(s => s.GetString()));
        Assert.StartsWith("the history of 1 cluster filed under childctl-sandbox", change.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_WhenAnotherSandboxsHistoryIsInTheFolder_IsRefusedWithExit2AppendingNothing()
    {
        await using var other = await StartAsync();
        other.ShareHistoryWith(_world);
        await other.KubectlAsync(Manifest("s-mine"), "apply", "-f", "-");
        var files = _world.HistorySnapshot();

        var result = await other.Run.RunAsync("audit", "--record");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            $"error: audit --record refused, nothing was recorded: the history of 1 cluster filed under childctl-sandbox (kcm-system/s-old) was recorded against {_world.Server}, not this context's server {other.Server}",
            line,
            StringComparison.Ordinal);
        Assert.EndsWith("run audit --record --accept-server-change", line, StringComparison.Ordinal);
        Assert.Equal(files, _world.HistorySnapshot());
    }

    [Fact]
    public async Task Record_WhenTheServerChangeIsAccepted_RecordsAgainstTheNewServer()
    {
        await _world.RestartSandboxAsync();

        var (code, report, stderr) = await _world.AuditJsonAsync("--record", "--accept-server-change");
        var next = await _world.Run.RunAsync("audit");

        Assert.Equal((9, 1), (code, report.GetProperty("recorded").GetInt32()));
        Assert.Contains("; recorded as accepted with --accept-server-change.", stderr, StringComparison.Ordinal);
        var text = _world.Run.HistoryText("s-old");
        Assert.Contains($"server: \"{_world.Server}\"", text[text.LastIndexOf("action: observed_deleted", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Equal(0, next.ExitCode);
        Assert.DoesNotContain("warning", next.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Audit_WhenHistoryIsOfThisServer_GivesNoWarningAndRecordsAsBefore()
    {
        await _world.KubectlAsync(null, "delete", "clusterdeployment", "s-old", "-n", Ns, "--timeout=60s");

        var (code, report, stderr) = await _world.AuditJsonAsync("--record");

        Assert.Equal((9, 1), (code, report.GetProperty("recorded").GetInt32()));
        Assert.DoesNotContain("warning", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.False(report.TryGetProperty("server_change", out _));
    }
}
