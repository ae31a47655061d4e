using Childctl.History.Legacy;
using Childctl.History.Store;
using Childctl.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Childctl.History.Tests.Legacy;

public sealed class LegacyMigratorTests
{
    private const string Mc = "k0rdent-mgmt";
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 10, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Migrate_ImportsEventsAndSnapshots_FlagsSyncNoise_AndBacksUpOriginals()
    {
        using var fx = new LegacyFixture("state");
        var store = new FileHistoryStore(fx.History);

        var report = await Migrate(store, fx.Folder("state"));

        Assert.Equal(
            ["aws-usw2-test team-a Imported 6", "azure-eus-dev kcm-system Imported 4", "gcp-stale kcm-system Empty 0", "kof-regional-eu kcm-system Imported 3", "never-init kcm-system Empty 0", "orphan kcm-system Imported 1"],
            report.Items.Select(i => $"{i.Cluster} {i.Namespace} {i.Status} {i.Imported}"));
        var aws = (await store.ReadAsync(new HistoryStreamId(Mc, "team-a", "aws-usw2-test"))).Document!;
        Assert.Equal(3, aws.Events.Count(e => e.HasFlag(EventFlags.LegacySyncNoise)));
        Assert.All(aws.Events, e => Assert.Equal(EventSources.Legacy, e.Source));
        Assert.All(aws.Events, e => Assert.Null(e.User));
        var snapshot = Assert.Single(aws.Events, e => e.Action == EventActions.LegacyStateImported);
        Assert.True(snapshot.HasFlag(EventFlags.HistoricalSnapshot));
        Assert.Equal("true", snapshot.Parameters!["cluster_status"]);
        Assert.Contains("not current state", snapshot.Message, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 7, 14, 8, 0, 3, TimeSpan.Zero), snapshot.Timestamp);
        Assert.Equal(("2025-07-12T09:15:00Z", "2025-07-14T08:00:03Z"), (aws.Header.CreatedAt, aws.Header.LastUpdated));
        Assert.Equal(Path.Combine(fx.Folder("state"), "backup-20251001T120000Z"), report.BackupDirectory);
        Assert.Equal(["deployment-events.yaml"], Directory.GetFiles(fx.Folder("state")).Select(Path.GetFileName));
        Assert.Equal(9, Directory.GetFiles(report.BackupDirectory!).Length + 1);
    }

    [Fact]
    public async Task Migrate_DryRun_WritesAndMovesNothing_ButReportsWhatItWouldImport()
    {
        using var fx = new LegacyFixture("state");
        var before = Directory.GetFiles(fx.Folder("state")).Order().ToList();

        var report = await Migrate(new FileHistoryStore(fx.History), fx.Folder("state"), dryRun: true);

        Assert.Equal(14, report.Items.Sum(i => i.Imported));
        Assert.Null(report.BackupDirectory);
        Assert.False(Directory.Exists(fx.History));
        Assert.Equal(before, Directory.GetFiles(fx.Folder("state")).Order().ToList());
    }

    [Fact]
    public async Task Migrate_SecondRunOverRestoredOriginals_ImportsNothing()
    {
        using var fx = new LegacyFixture("state");
        var store = new FileHistoryStore(fx.History);
        var first = await Migrate(store, fx.Folder("state"));
        foreach (var file in Directory.GetFiles(first.BackupDirectory!))
        {
            File.Move(file, Path.Combine(fx.Folder("state"), Path.GetFileName(file)));
        }

        var second = await Migrate(new FileHistoryStore(fx.History), fx.Folder("state"));

        Assert.Equal(0, second.Items.Sum(i => i.Imported));
        Assert.Equal(14, second.Items.Sum(i => i.AlreadyPresent));
        Assert.All(second.Items.Where(i => i.Found > 0), i => Assert.Equal(MigrationStatus.UpToDate, i.Status));
    }

    [Fact]
    public async Task Migrate_SameClusterNameInTwoNamespaces_KeepsTwoSeparateHistories()
    {
        using var fx = new LegacyFixture("state", "state-team-b");
        var store = new FileHistoryStore(fx.History);

        await Migrate(store, fx.Folder("state"));
        await Migrate(store, fx.Folder("state-team-b"));

        var kcm = (await store.ReadAsync(new HistoryStreamId(Mc, "kcm-system", "azure-eus-dev"))).Document!;
        var teamB = (await store.ReadAsync(new HistoryStreamId(Mc, "team-b", "azure-eus-dev"))).Document!;
        Assert.Equal(4, kcm.Events.Count);
        Assert.Equal(3, teamB.Events.Count);
        Assert.Empty(kcm.Events.Select(e => e.Id).Intersect(teamB.Events.Select(e => e.Id)));
        Assert.Contains(teamB.Events, e => e.Message?.Contains("westeurope", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Migrate_UnreadableEventsFile_IsSkippedAndLeftInPlace()
    {
        using var fx = new LegacyFixture("state");
        var broken = Path.Combine(fx.Folder("state"), "cluster-broken-events.yaml");
        await File.WriteAllTextAsync(broken, "cluster_name: broken\nevents:\n  - timestamp: [\n");

        var report = await Migrate(new FileHistoryStore(fx.History), fx.Folder("state"));

        var item = Assert.Single(report.Items, i => i.Cluster == "broken");
        Assert.Equal(MigrationStatus.Skipped, item.Status);
        Assert.Contains("cluster-broken-events.yaml is not valid at line", item.Note, StringComparison.Ordinal);
        Assert.True(File.Exists(broken));
    }

    [Fact]
    public async Task Migrate_AClusterNameThatContradictsTheFileName_IsImportedUnderTheFileName_WithANote()
    {
        using var fx = new LegacyFixture("state");
        await File.WriteAllTextAsync(Path.Combine(fx.Folder("state"), "cluster-mismatch-events.yaml"),
            "cluster_name: \"other-name\"\nevents:\n  - timestamp: \"2025-07-11T14:00:00Z\"\n    action: cluster_deployment_created\n    message: created\n");

        var report = await Migrate(new FileHistoryStore(fx.History), fx.Folder("state"));

        var item = Assert.Single(report.Items, i => i.Cluster == "mismatch");
        Assert.Equal(MigrationStatus.Imported, item.Status);
        Assert.Equal("the file says cluster_name \"other-name\"; imported under its file name, mismatch", item.Note);
    }

    [Fact]
    public async Task LegacyEventsFile_ReadsAsIsFromTheHistoryFolder_KeepingItsHeader()
    {
        using var fx = new LegacyFixture("state");
        var store = new FileHistoryStore(fx.History);
        var stream = new HistoryStreamId(Mc, "kcm-system", "azure-eus-dev");
        var path = store.PathOf(stream);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(fx.Folder("state"), "cluster-azure-eus-dev-events.yaml"), path);
        var original = await File.ReadAllBytesAsync(path);

        var read = await store.ReadAsync(stream);
        await store.AppendAsync(stream, [Events.Note("n1")]);

        Assert.Equal(("2025-07-11T14:02:11Z", "2025-07-11T14:02:13Z"), (read.Document!.Header.CreatedAt, read.Document.Header.LastUpdated));
        Assert.Equal(3, read.Document.Events.Count);
        Assert.Equal(original, (await File.ReadAllBytesAsync(path))[..original.Length]);
        Assert.Equal(4, (await store.ReadAsync(stream)).Document!.Events.Count);
    }

    [Fact]
    public async Task Migrate_KeepsEveryFieldALegacyEventCarries_Redacted()
    {
        using var fx = new LegacyFixture("state-full");
        var store = new FileHistoryStore(fx.History);

        await Migrate(store, fx.Folder("state-full"));

        var events = (await store.ReadAsync(new HistoryStreamId(Mc, "kcm-system", "seeded"))).Document!.Events;
        var created = events[0];
        Assert.Equal(("alice", "capacity test", "succeeded"), (created.User, created.Reason, created.Result));
        Assert.Equal("deploy-cluster.sh --name seeded --client-secret <redacted> --location eastus", created.Command);
        Assert.Equal(
            ["client_secret=<redacted>", "legacy_file=cluster-seeded-events.yaml", "location=eastus", "template=azure-standalone-cp-1-0-45"],
            created.Parameters!.Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal));
        Assert.Equal(("bob", "cluster_scaled", "failed", "quota exceeded; the password is <redacted>"), (events[1].User, events[1].Action, events[1].Result, events[1].Error));
        Assert.True(events[2].HasFlag(EventFlags.LegacySyncNoise));
        Assert.DoesNotContain(events, e => Serialized(e).Contains("s3cr3t", StringComparison.Ordinal) || Serialized(e).Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LegacyFile_ReadAsIs_IsRedacted_AndAgreesWithItsMigratedCopy()
    {
        using var fx = new LegacyFixture("state-full");
        var asIs = new FileHistoryStore(fx.Folder("as-is"));
        var stream = new HistoryStreamId(Mc, "kcm-system", "seeded");
        Directory.CreateDirectory(Path.GetDirectoryName(asIs.PathOf(stream))!);
        File.Copy(Path.Combine(fx.Folder("state-full"), "cluster-seeded-events.yaml"), asIs.PathOf(stream));
        var migrated = new FileHistoryStore(fx.History);
        await Migrate(migrated, fx.Folder("state-full"));

        var read = (await asIs.ReadAsync(stream)).Document!.Events;
        var imported = (await migrated.ReadAsync(stream)).Document!.Events;

        Assert.DoesNotContain(read, e => Serialized(e).Contains("s3cr3t", StringComparison.Ordinal) || Serialized(e).Contains("hunter2", StringComparison.Ordinal));
        Assert.All(read, e => Assert.Equal(EventSources.Legacy, e.Source));
        Assert.Equal(imported.Select(View), read.Select(View));
        var alice = new Childctl.History.Query.HistoryFilter { Users = ["alice"] };
        Assert.Equal(1, read.Count(alice.Matches));
        Assert.Equal(1, imported.Count(alice.Matches));
    }

    /// <summary>What every output shows of an event; the migrated copy adds only its id and the legacy_file parameter.</summary>
    private static string View(HistoryEvent e) =>
        $"{e.Timestamp:O}|{e.Action}|{e.User}|{e.Reason}|{e.Command}|{e.Result}|{e.Error}|{e.Message}|{e.Source}|{string.Join(",", e.Flags ?? [])}|"
        + string.Join(",", (e.Parameters ?? new Dictionary<string, string>()).Where(p => p.Key != "legacy_file").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string Serialized(HistoryEvent e) => Childctl.History.Codec.EventBlockWriter.Block(e);

    private static Task<MigrationReport> Migrate(IHistoryStore store, string from, bool dryRun = false) =>
        new LegacyMigrator(store).MigrateAsync(new MigrationOptions(from, Mc, "kcm-system", dryRun, Clock));
}

/// <summary>A writable copy of testdata/legacy/&lt;folder&gt; plus an empty history root.</summary>
internal sealed class LegacyFixture : IDisposable
{
    private readonly TempDirectory _dir = new("childctl-legacy");

    public LegacyFixture(params string[] folders)
    {
        foreach (var folder in folders)
        {
            var source = Path.Combine(AppContext.BaseDirectory, "testdata", "legacy", folder);
            Directory.CreateDirectory(_dir.Combine(folder));
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, _dir.Combine(folder, Path.GetFileName(file)));
            }
        }

        History = _dir.Combine("history");
    }

    public string History { get; }

    public string Folder(string name) => _dir.Combine(name);

    public void Dispose() => _dir.Dispose();
}
