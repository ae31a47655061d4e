using System.Text.RegularExpressions;
using static Childctl.Cli.Tests.Audit.AuditWorld;

namespace Childctl.Cli.Tests.Audit;

/// <summary>
/// What childctl says about incarnations, notes, failed creates and changes made elsewhere is only what is so: each test
/// reproduces a statement that was not (issue 14) against a sandbox with its controller on.
/// </summary>
public sealed class TruthTests : IAsyncLifetime
{
    private AuditWorld _world = null!;

    public async Task InitializeAsync() => _world = await StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Status_WhenRecreatedWithKubectl_ShowsOnlyTheLiveIncarnationAndRecordsTheRecreateOnce()
    {
        await _world.CreateAsync("t-again");
        var oldUid = _world.Uid("t-again");
        await _world.KubectlAsync(null, "delete", "clusterdeployment", "t-again", "-n", Ns, "--timeout=60s");
        await _world.KubectlAsync(Manifest("t-again"), "apply", "-f", "-");
        var newUid = _world.Uid("t-again");

        var first = await _world.Run.RunAsync("status", "t-again");
        var second = await _world.Run.RunAsync("status", "t-again");
        var history = await _world.Run.RunAsync("history", "t-again");

        Assert.Equal(0, first.ExitCode);
        Assert.DoesNotMatch(@"\n +\S+ +cluster_created +", first.Stdout);
        Assert.Contains($"earlier incarnation(s) of this name, uid {oldUid}", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("observed_recreated", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(first.Stdout.Contains("observed_recreated", StringComparison.Ordinal), second.Stdout.Contains("observed_recreated", StringComparison.Ordinal));
        Assert.Single(Regex.Matches(_world.Run.HistoryText("t-again"), "action: observed_recreated"));
        Assert.Contains($"Incarnation 1 of 2: uid {oldUid} (earlier incarnation", history.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Incarnation 2 of 2: uid {newUid}\n", history.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_WhenTheNameDoesNotExistAndHasNoHistory_IsRefusedWithExit3UnlessForced()
    {
        var typo = await _world.Run.RunAsync("note", "t-onee", "a typo");
        var forced = await _world.Run.RunAsync("note", "t-onee", "on purpose", "--force");

        Assert.Equal(3, typo.ExitCode);
        Assert.Contains("add --force", typo.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.DoesNotContain("a typo", _world.Run.HistoryText("t-onee"), StringComparison.Ordinal);
        Assert.Contains("on purpose", _world.Run.HistoryText("t-onee"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenACreateFailed_DoesNotCountTheNameAsACluster()
    {
        var failed = await _world.Run.RunAsync("create", "aws", "t-failed", "--region", "us-west-2", "--cp-number", "1", "--template", "aws-standalone-cp-9-9-9");

        var (code, report, stderr) = await _world.AuditJsonAsync();

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("cluster_create_failed", _world.Run.HistoryText("t-failed"), StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.DoesNotContain(report.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "t-failed");
        Assert.Contains("only failed attempts, never a cluster: kcm-system/t-failed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenALabelChangesElsewhere_ReportsFieldRecordedAndLive_AndANoteThroughAnotherUrlDoesNotBlockRecord()
    {
        await _world.CreateAsync("t-label");
        var otherUrl = Path.Combine(Path.GetDirectoryName(_world.KubeconfigPath)!, "kubeconfig-localhost");
        File.WriteAllText(otherUrl, File.ReadAllText(_world.KubeconfigPath).Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        var note = await _world.Run.RunAsync("--kubeconfig", otherUrl, "note", "t-label", "noted through another URL");
        await _world.KubectlAsync(null, "label", "clusterdeployment", "t-label", "-n", Ns, "team=blue");

        var (code, report, _) = await _world.AuditJsonAsync();
        var recorded = await _world.AuditJsonAsync("--record");
        var again = await _world.AuditJsonAsync();

        Assert.Equal(0, note.ExitCode);
        var item = Item(report, "t-label");
        Assert.Equal("changed_elsewhere", item.GetProperty("class").GetString());
        var change = Assert.Single(item.GetProperty("changes").EnumerateArray());
        Assert.Equal(("metadata.labels.team", "blue"), (change.GetProperty("field").GetString(), change.GetProperty("live").GetString()));
        Assert.False(change.TryGetProperty("recorded", out var before) && before.ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.NotEqual(2, recorded.ExitCode);
        Assert.Equal("in_step", Item(again.Report, "t-label").GetProperty("class").GetString());
        Assert.NotEqual(0, code);
    }

    [Fact]
    public async Task CreateDryRun_PrintsAManifestWithoutAnOperationIdThatHistoryDoesNotHold()
    {
        var result = await _world.Run.RunAsync("create", "aws", "t-dry", "--region", "us-west-2", "--cp-number", "1", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("childctl.dev/operation", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, _world.Run.HistoryText("t-dry"));
    }
}
