using System.Text.Json;
using static Childctl.Cli.Tests.Audit.AuditWorld;

namespace Childctl.Cli.Tests.Audit;

/// <summary>
/// audit against a running sandbox: each class made by changing the cluster directly through the API with another
/// field manager (real kubectl), while the simulated k0rdent controller keeps writing status.
/// </summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private AuditWorld _world = null!;

    public async Task InitializeAsync() => _world = await StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Audit_WhenChildctlCreatedAndWaitedOnTheClusters_IsInStepExit0()
    {
        await _world.CreateAsync("a-ours", "--wait");
        await _world.CreateAsync("a-fresh");

        var (code, report, stderr) = await _world.AuditJsonAsync();

        Assert.Equal(0, code);
        Assert.True(report.GetProperty("in_step").GetBoolean());
        Assert.Equal(["in_step", "in_step"], report.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("class").GetString()));
        Assert.Equal(2, report.GetProperty("summary").GetProperty("in_step").GetInt32());
        Assert.Contains("2 clusters (2 in step)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenAClusterWasAppliedWithKubectl_IsCreatedElsewhereByKubectlExit9()
    {
        await _world.KubectlAsync(Manifest("a-kubectl"), "apply", "-f", "-");

        var (code, report, _) = await _world.AuditJsonAsync();

        Assert.Equal(9, code);
        var item = Item(report, "a-kubectl");
        Assert.Equal("created_elsewhere", item.GetProperty("class").GetString());
        Assert.Equal(_world.Uid("a-kubectl"), item.GetProperty("uid").GetString());
        Assert.Equal("kubectl-client-side-apply", item.GetProperty("by").GetProperty("manager").GetString());
        Assert.Equal("Update", item.GetProperty("by").GetProperty("operation").GetString());
        Assert.True(item.TryGetProperty("at", out _));
    }

    [Fact]
    public async Task Audit_WhenTheSpecWasPatchedWithKubectl_IsChangedElsewhereShowingTheValues()
    {
        await _world.CreateAsync("a-patched", "--worker-number", "2");
        await _world.KubectlAsync(null, "patch", "clusterdeployment", "a-patched", "-n", Ns, "--type", "merge",
            "-p", """{"spec":{"config":{"workersNumber":5}}}""");

        var (code, report, _) = await _world.AuditJsonAsync();

        Assert.Equal(9, code);
        var item = Item(report, "a-patched");
        Assert.Equal("changed_elsewhere", item.GetProperty("class").GetString());
        Assert.Equal(1, item.GetProperty("recorded_generation").GetInt64());
        Assert.Equal(2, item.GetProperty("generation").GetInt64());
        Assert.Equal("kubectl-patch", item.GetProperty("by").GetProperty("manager").GetString());
        var change = Assert.Single(item.GetProperty("changes").EnumerateArray());
        Assert.Equal(("spec.config.workersNumber", "2", "5"),
            (change.GetProperty("field").GetString(), change.GetProperty("recorded").GetString(), change.GetProperty("live").GetString()));
    }

    [Fact]
    public async Task Audit_WhenAGitOpsControllerAppliesTheSpec_IsChangedElsewhereByThatController()
    {
        await _world.CreateAsync("a-gitops");
        var manifest = Manifest("a-gitops", workers: 4); // a downgrade of the template would be refused by k0rdent's webhook
        await _world.KubectlAsync(manifest, "apply", "--server-side", "--force-conflicts", "--field-manager=kustomize-controller", "-f", "-");

        var (_, report, _) = await _world.AuditJsonAsync();

        var item = Item(report, "a-gitops");
        Assert.Equal("changed_elsewhere", item.GetProperty("class").GetString());
        Assert.Equal("kustomize-controller", item.GetProperty("by").GetProperty("manager").GetString());
        Assert.Equal("Apply", item.GetProperty("by").GetProperty("operation").GetString());
        Assert.Contains(item.GetProperty("changes").EnumerateArray(), c =>
            c.GetProperty("field").GetString() == "spec.config.workersNumber" && c.GetProperty("live").GetString() == "4");
    }

    [Fact]
    public async Task Audit_WhenAClusterWasDeletedWithKubectl_IsDeletedElsewhereAndRecordingKeepsItsHistory()
    {
        await _world.CreateAsync("a-gone", "--wait");
        var uid = _world.Uid("a-gone");
        var before = _world.Run.HistoryText("a-gone");
        await _world.KubectlAsync(null, "delete", "clusterdeployment", "a-gone", "-n", Ns, "--timeout=60s");

        var (code, report, _) = await _world.AuditJsonAsync("--record");

        Assert.Equal(9, code);
        var item = Item(report, "a-gone");
        Assert.Equal("deleted_elsewhere", item.GetProperty("class").GetString());
        Assert.Equal(uid, item.GetProperty("uid").GetString());
        var after = _world.Run.HistoryText("a-gone");
        Assert.StartsWith(before, after, StringComparison.Ordinal);
        Assert.Contains("action: observed_deleted", after[before.Length..], StringComparison.Ordinal);
        Assert.Contains("source: observed", after[before.Length..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenAClusterWasDeletedAndAppliedAgain_IsRecreatedNamingTheOldUid()
    {
        await _world.CreateAsync("a-again");
        var old = _world.Uid("a-again");
        await _world.KubectlAsync(null, "delete", "clusterdeployment", "a-again", "-n", Ns, "--timeout=60s");
        await _world.KubectlAsync(Manifest("a-again"), "apply", "-f", "-");

        var (code, report, _) = await _world.AuditJsonAsync();

        Assert.Equal(9, code);
        var item = Item(report, "a-again");
        Assert.Equal("recreated", item.GetProperty("class").GetString());
        Assert.Equal(old, item.GetProperty("previous_uid").GetString());
        Assert.Equal(_world.Uid("a-again"), item.GetProperty("uid").GetString());
        Assert.NotEqual(old, _world.Uid("a-again"));
    }

    [Fact]
    public async Task Audit_WhenADeletionIsHeldByAFinalizer_IsDeletingElsewhere()
    {
        await _world.CreateAsync("a-held");
        await _world.KubectlAsync(null, "patch", "clusterdeployment", "a-held", "-n", Ns, "--type", "merge",
            "-p", """{"metadata":{"finalizers":["example.com/hold"]}}""");
        await _world.KubectlAsync(null, "delete", "clusterdeployment", "a-held", "-n", Ns, "--wait=false");

        var (code, report, _) = await _world.AuditJsonAsync();

        Assert.Equal(9, code);
        var item = Item(report, "a-held");
        Assert.Equal("deleting_elsewhere", item.GetProperty("class").GetString());
        Assert.Empty(item.GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task Record_WhenRunTwice_AppendsEachFindingOnceThenNothing()
    {
        await _world.CreateAsync("a-changed", "--worker-number", "2");
        await _world.KubectlAsync(Manifest("a-new"), "apply", "-f", "-");
        await _world.KubectlAsync(null, "patch", "clusterdeployment", "a-changed", "-n", Ns, "--type", "merge",
            "-p", """{"spec":{"config":{"workersNumber":4}}}""");

        var first = await _world.AuditJsonAsync("--record");
        var files = _world.HistorySnapshot();
        var second = await _world.AuditJsonAsync("--record");
        var third = await _world.Run.RunAsync("audit");

        Assert.Equal(9, first.ExitCode);
        Assert.Equal(2, first.Report.GetProperty("recorded").GetInt32());
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, second.Report.GetProperty("recorded").GetInt32());
        Assert.Equal(files, _world.HistorySnapshot());
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("action: observed_created_elsewhere", _world.Run.HistoryText("a-new"), StringComparison.Ordinal);
        Assert.Contains("action: observed_changed_elsewhere", _world.Run.HistoryText("a-changed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenTheSpecChangesAfterRecording_IsANewFinding()
    {
        await _world.CreateAsync("a-twice", "--worker-number", "2");
        await _world.KubectlAsync(null, "patch", "clusterdeployment", "a-twice", "-n", Ns, "--type", "merge", "-p", """{"spec":{"config":{"workersNumber":3}}}""");
        Assert.Equal(9, (await _world.AuditJsonAsync("--record")).ExitCode);
        await _world.KubectlAsync(null, "patch", "clusterdeployment", "a-twice", "-n", Ns, "--type", "merge", "-p", """{"spec":{"config":{"workersNumber":6}}}""");

        var (code, report, _) = await _world.AuditJsonAsync();

        Assert.Equal(9, code);
        var change = Assert.Single(Item(report, "a-twice").GetProperty("changes").EnumerateArray());
        Assert.Equal(("3", "6"), (change.GetProperty("recorded").GetString(), change.GetProperty("live").GetString()));
    }

    [Fact]
    public async Task Audit_WhenTheApiIsUnreachable_IsExit5AndLeavesHistoryAlone()
    {
        await _world.CreateAsync("a-offline");
        var files = _world.HistorySnapshot();
        await _world.StopSandboxAsync();

        var result = await _world.Run.RunAsync("audit", "--record");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("cannot reach the management cluster", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(files, _world.HistorySnapshot());
    }

    [Fact]
    public async Task Audit_WhenPrinted_HasARowPerClusterAndNameListsOnlyThoseNotInStep()
    {
        await _world.CreateAsync("a-row");
        await _world.KubectlAsync(Manifest("a-other"), "apply", "-f", "-");

        var table = await _world.Run.RunAsync("audit");
        var names = await _world.Run.RunAsync("audit", "-o", "name");
        var yaml = await _world.Run.RunAsync("audit", "-o", "yaml");

        var lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^NAME +CLASS +UID +BY +AT +DETAILS$", lines[0]);
        Assert.Matches("^a-other +created elsewhere +[0-9a-f]{8} +kubectl-client-side-apply +20[0-9-]+T[0-9:]+Z +created by kubectl-client-side-apply; history has no creation recorded for this uid$", lines[1]);
        Assert.Matches("^a-row +in step +[0-9a-f]{8} +- +- +[0-9]+ events? recorded for this uid$", lines[2]);
        Assert.Equal("kcm-system/a-other\n", names.Stdout);
        Assert.StartsWith("kind: AuditReport\n", yaml.Stdout, StringComparison.Ordinal);
        Assert.Contains("  class: created_elsewhere\n", yaml.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenAllNamespaces_AuditsEveryNamespacesHistoryAndOneNamespaceOnlyItsOwn()
    {
        await _world.CreateAsync("a-here");
        var store = new Childctl.History.Store.FileHistoryStore(_world.Run.HistoryDirectory, TimeProvider.System);
        await store.AppendAsync(new Childctl.History.Store.HistoryStreamId("childctl-sandbox", "team-b", "a-there"),
        [
            new Childctl.History.Store.HistoryEvent
            {
                Timestamp = DateTimeOffset.UtcNow.AddDays(-1), Id = "01JTEAMB0000000000000000AA", Action = "cluster_created",
                Uid = "00000000-0000-4000-8000-00000000b0b0", Result = "succeeded", Source = "childctl",
            },
        ]);

        var all = await _world.AuditJsonAsync("-A");
        var one = await _world.AuditJsonAsync("-n", Ns);
        var table = await _world.Run.RunAsync("audit", "-A");

        Assert.Equal(9, all.ExitCode);
        Assert.True(all.Report.GetProperty("all_namespaces").GetBoolean());
        Assert.False(all.Report.TryGetProperty("namespace", out _));
        Assert.Equal("deleted_elsewhere", Item(all.Report, "a-there").GetProperty("class").GetString());
        Assert.Equal("team-b", Item(all.Report, "a-there").GetProperty("namespace").GetString());
        Assert.Equal(0, one.ExitCode);
        Assert.Single(one.Report.GetProperty("items").EnumerateArray());
        Assert.StartsWith("NAMESPACE ", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("team-b       a-there   deleted elsewhere", table.Stdout, StringComparison.Ordinal);
    }
}
