using System.Text.Json;
using Childctl.Sandbox.Faults;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Team;

/// <summary>Two or more operators, each with their own machine and Kubernetes user, sharing one team history.</summary>
public sealed class TeamHistoryTests(TeamSandbox fixture) : IClassFixture<TeamSandbox>
{
    [Fact]
    public async Task EnableTeam_WhenRunByAnAdmin_LeavesNamespaceRolesBindingsAndMarkerKubectlCanRead()
    {
        var again = await fixture.Admin.RunAsync("history", "enable-team");

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("role/childctl-history-writer updated", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("team history enabled on childctl-sandbox (namespace childctl-history)", again.Stdout, StringComparison.Ordinal);
        var marker = await fixture.Kubectl.RunAsync("get", "configmap", "childctl-team", "-n", TeamSandbox.TeamNamespace, "-o", "jsonpath={.data.enabled}");
        Assert.Equal("true", marker.StdOut);
        var rbac = await fixture.Kubectl.RunAsync("get", "roles,rolebindings", "-n", TeamSandbox.TeamNamespace, "-o", "name");
        Assert.Equal(
            "role.rbac.authorization.k8s.io/childctl-history-reader\nrole.rbac.authorization.k8s.io/childctl-history-writer\n"
            + "rolebinding.rbac.authorization.k8s.io/childctl-history-readers\nrolebinding.rbac.authorization.k8s.io/childctl-history-writers\n",
            rbac.StdOut);
    }

    [Fact]
    public async Task History_WhenATeammateCreatedScaledAndNoted_ShowsTheirEventsMarkedTeamAndAuditAttributesTheChangeToThem()
    {
        var alice = fixture.Teammate("alice");
        var bob = fixture.Teammate("bob");
        Assert.Equal(0, (await alice.RunAsync("create", "azure", "tm-shared", "--location", "eastus", "--subscription-id", "sub-1", "--reason", "team demo")).ExitCode);
        Assert.Equal(0, (await alice.RunAsync("scale", "tm-shared", "--workers", "4", "--force", "--reason", "more load")).ExitCode);
        Assert.Equal(0, (await alice.RunAsync("note", "tm-shared", "scaled for the load test")).ExitCode);

        var status = await bob.RunAsync("status", "tm-shared");
        var history = await bob.RunAsync("history", "tm-shared");
        var audit = await bob.RunAsync("audit");

        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("History (recorded on this machine and in the team history, not live state)", status.Stdout, StringComparison.Ordinal);
        Assert.True(history.ExitCode == 0, history.Stderr);
        var rows = history.Stdout.Split('\n').Where(l => l.Contains("alice", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 3, history.Stdout); // the intents before each change are mirrored too
        Assert.All(rows, r => Assert.Contains("[team]", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("cluster_created", StringComparison.Ordinal) && r.Contains("reason: team demo", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("cluster_scaled", StringComparison.Ordinal) && r.Contains("reason: more load", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("note_added", StringComparison.Ordinal) && r.Contains("scaled for the load test", StringComparison.Ordinal));
        var line = audit.Stdout.Split('\n').Single(l => l.StartsWith("tm-shared ", StringComparison.Ordinal));
        Assert.Contains("in step", line, StringComparison.Ordinal);
        Assert.Contains("last change cluster_scaled by alice (alice)", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, bob.HistoryText("tm-shared")); // bob's machine recorded nothing: all of it came from the team store
    }

    [Fact]
    public async Task History_WhenLocalIsGiven_ShowsOnlyThisMachinesEventsWithoutMarks()
    {
        var alice = fixture.Teammate("alice");
        var bob = fixture.Teammate("bob");
        Assert.Equal(0, (await alice.RunAsync("note", "tm-local", "alice was here", "--force")).ExitCode);
        Assert.Equal(0, (await bob.RunAsync("note", "tm-local", "bob too", "--force")).ExitCode);

        var merged = await bob.RunAsync("history", "tm-local");
        var local = await bob.RunAsync("history", "tm-local", "--local");

        Assert.Contains("[team] alice was here", merged.Stdout, StringComparison.Ordinal);
        Assert.Contains("  bob too", merged.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", local.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[", local.Stdout, StringComparison.Ordinal);
        Assert.Contains("bob too", local.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_WhenTheViewerCannotWrite_RecordsLocallySaysWhyOnceAndStillReadsTeamHistory()
    {
        var alice = fixture.Teammate("alice");
        var carol = fixture.Teammate("carol", TeamSandbox.Viewers);
        Assert.Equal(0, (await alice.RunAsync("note", "tm-viewer", "from alice", "--force")).ExitCode);

        var note = await carol.RunAsync("note", "tm-viewer", "from carol", "--force");
        var history = await carol.RunAsync("history", "tm-viewer");

        Assert.True(note.ExitCode == 0, note.Stderr);
        var warnings = note.Stderr.Split('\n').Where(l => l.StartsWith("warning: team history:", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("you may not write to namespace childctl-history", warning, StringComparison.Ordinal);
        Assert.Contains("'childctl history push' sends them", warning, StringComparison.Ordinal);
        Assert.Contains("action: note_added", carol.HistoryText("tm-viewer"), StringComparison.Ordinal);
        Assert.Contains("[team] from alice", history.Stdout, StringComparison.Ordinal);
        Assert.Contains("[local only] from carol", history.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain((await fixture.TeamEventsAsync("tm-viewer")), e => e.Event.GetProperty("user").GetString() == "carol");
    }

    [Fact]
    public async Task Mirror_WhenTheApiFailsThenRecovers_KeepsTheEventPendingAndPushSendsItOnce()
    {
        var alice = fixture.Teammate("alice");
        Assert.Equal(0, (await alice.RunAsync("note", "tm-pending", "first", "--force")).ExitCode);
        fixture.Faults.Settings = new FaultSettings { ServerErrorRate = 1 };
        CliResult offline;
        try
        {
            offline = await alice.RunAsync("note", "tm-pending", "while the API fails", "--force");
        }
        finally
        {
            fixture.Faults.Settings = new FaultSettings();
        }

        var before = await fixture.TeamEventsAsync("tm-pending");
        var push = await alice.RunAsync("history", "push");
        var again = await alice.RunAsync("history", "push");
        var after = await fixture.TeamEventsAsync("tm-pending");

        Assert.True(offline.ExitCode == 0, offline.Stderr);
        Assert.Single(offline.Stderr.Split('\n'), l => l.StartsWith("warning: team history:", StringComparison.Ordinal));
        Assert.Single(before);

        // The note, and the record that its Kubernetes Event was refused (503) too.
        Assert.Equal("pushed 2 events to namespace childctl-history on childctl-sandbox\n", push.Stdout);
        Assert.Equal("pushed 0 events to namespace childctl-history on childctl-sandbox\n", again.Stdout);
        Assert.Equal(["cluster:first", "cluster:while the API fails", "kubernetes_event_not_sent"],
            after.Select(e => e.Event.GetProperty("action").GetString() == "note_added" ? "cluster:" + e.Event.GetProperty("message").GetString() : e.Event.GetProperty("action").GetString())
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PushAll_WhenHistoryPredatesTheTeamStore_BackfillsEachEventOnce()
    {
        var dave = fixture.Teammate("dave");
        dave.Environment["CHILDCTL_TEAM_HISTORY"] = "off";
        Assert.Equal(0, (await dave.RunAsync("note", "tm-backfill", "before the team store", "--force")).ExitCode);
        Assert.Equal(0, (await dave.RunAsync("note", "tm-backfill", "also before", "--force")).ExitCode);
        dave.Environment.Remove("CHILDCTL_TEAM_HISTORY");

        var first = await dave.RunAsync("history", "push", "--all");
        var second = await dave.RunAsync("history", "push", "--all");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.StartsWith("pushed 2 events to namespace childctl-history on childctl-sandbox", first.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("pushed 0 events", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("already there", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await fixture.TeamEventsAsync("tm-backfill")).Count);
    }

    [Fact]
    public async Task History_WhenTheSeriesSpansSeveralPages_ShowsEveryEventOnce()
    {
        // 2,000 notes of one cluster written as a local file (long commands: ~700 bytes each), pushed: more chunks than one
        // page of the team read holds.
        const int Notes = 2000;
        var padding = new string('x', 600);
        var erin = fixture.Teammate("erin");
        var folder = Path.Combine(erin.HistoryDirectory, "childctl-sandbox", "kcm-system");
        Directory.CreateDirectory(folder);
        var file = new System.Text.StringBuilder("cluster_name: tm-pages\nnamespace: kcm-system\nevents:\n");
        for (var i = 0; i < Notes; i++)
        {
            file.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"  - timestamp: \"{new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i):yyyy-MM-dd'T'HH:mm:ss'Z'}\"\n    id: 01PAGES{i:D19}\n    action: note_added\n    user: erin\n    command: \"childctl note tm-pages {padding}\"\n    message: \"page note {i:D4} with \\\"quotes\\\" in it\"\n");
        }

        var path = Path.Combine(folder, "tm-pages.yaml");
        await File.WriteAllTextAsync(path, file.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Equal(0, (await erin.RunAsync("history", "push", "--all")).ExitCode);
        var frank = fixture.Teammate("frank");
        Assert.Equal(0, (await frank.RunAsync("history", "push")).ExitCode);

        var history = await frank.RunAsync("history", "tm-pages");

        var chunks = (await fixture.TeamEventsAsync("tm-pages")).Select(e => e.Chunk).Distinct().Count();
        Assert.True(chunks > Childctl.History.Team.TeamSeries.ChunksPerPage, $"{chunks} chunks fit in one page of the read");
        Assert.True(history.ExitCode == 0, history.Stderr);
        var shown = history.Stdout.Split('\n').Where(l => l.Contains("page note ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, Notes).Select(i => $"page note {i:D4} with \"quotes\" in it"), shown.Select(l => l[(l.IndexOf("page note ", StringComparison.Ordinal))..].TrimEnd()));
    }

    [Fact]
    public async Task Scale_WhenRecorded_EmitsAKubernetesEventOnTheClusterDeploymentThatKubectlShows()
    {
        var alice = fixture.Teammate("alice");
        Assert.Equal(0, (await alice.RunAsync("create", "azure", "tm-events", "--location", "eastus", "--subscription-id", "sub-1")).ExitCode);
        Assert.Equal(0, (await alice.RunAsync("scale", "tm-events", "--workers", "3", "--force", "--reason", "peak traffic")).ExitCode);

        var events = await fixture.Kubectl.RunAsync("get", "events", "-n", "kcm-system",
            "--field-selector", "involvedObject.name=tm-events,reportingComponent=childctl", "-o", "json");

        using var list = JsonDocument.Parse(events.StdOut);
        var items = list.RootElement.GetProperty("items").EnumerateArray().ToList();
        var scaled = Assert.Single(items, e => e.GetProperty("reason").GetString() == "ClusterScaled");
        Assert.Contains(items, e => e.GetProperty("reason").GetString() == "ClusterCreated");
        Assert.Equal("Normal", scaled.GetProperty("type").GetString());
        Assert.Equal("childctl", scaled.GetProperty("source").GetProperty("component").GetString());
        var message = scaled.GetProperty("message").GetString()!;
        Assert.StartsWith("cluster scaled by alice (k8s user alice): workers 2 → 3", message, StringComparison.Ordinal);
        Assert.Contains("; reason: peak traffic; childctl operation ", message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(scaled.GetProperty("involvedObject").GetProperty("uid").GetString()));
    }

    [Fact]
    public async Task TeamStore_WhenReadWithKubectl_HoldsTheSameRedactedEventsAsTheLocalFile()
    {
        var alice = fixture.Teammate("alice");
        Assert.Equal(0, (await alice.RunAsync("note", "tm-kubectl", "token is ghp_abcdefghijklmnopqrstuvwxyz0123456789AB", "--force")).ExitCode);

        var team = await fixture.TeamEventsAsync("tm-kubectl");
        var local = await alice.RunAsync("history", "tm-kubectl", "--local", "-o", "json");

        var stored = Assert.Single(team);
        Assert.Equal("tm-kubectl", stored.Chunk.Split('.')[1]);
        using var doc = JsonDocument.Parse(local.Stdout);
        var localEvent = doc.RootElement.GetProperty("items")[0].GetProperty("events")[0];
        Assert.Equal(localEvent.GetProperty("id").GetString(), stored.Id);
        Assert.Equal(localEvent.GetProperty("message").GetString(), stored.Event.GetProperty("message").GetString());
        Assert.DoesNotContain("ghp_", stored.Event.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
