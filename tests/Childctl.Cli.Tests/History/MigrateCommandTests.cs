using System.Text.Json;
using Childctl.Testing;

namespace Childctl.Cli.Tests.History;

public sealed class MigrateCommandTests : IDisposable
{
    private readonly HistoryCli _cli = new();

    public MigrateCommandTests()
    {
        foreach (var folder in new[] { "state", "state-team-b" })
        {
            var source = Path.Combine(RepoPaths.Root, "tests", "Childctl.History.Tests", "testdata", "legacy", folder);
            Directory.CreateDirectory(Path.Combine(_cli.Root, folder));
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(_cli.Root, folder, Path.GetFileName(file)));
            }
        }
    }

    private string State => Path.Combine(_cli.Root, "state");

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Migrate_WhenDryRun_ReportsWhatItWouldImportAndTouchesNothing()
    {
        var result = await _cli.RunAsync("migrate", "--from", State, "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Golden.Check("migrate/dry-run.txt", result.Stdout);
        Golden.Check("migrate/dry-run.stderr.txt", result.Stderr);
        Assert.False(Directory.Exists(_cli.HistoryDir));
        Assert.Equal(9, Directory.GetFiles(State).Length);
    }

    [Fact]
    public async Task Migrate_WhenRunTwice_ImportsBacksUpAndIsIdempotent()
    {
        var first = await _cli.RunAsync("migrate", "--from", State);
        foreach (var file in Directory.GetFiles(Path.Combine(State, "backup-20250711T160000Z")))
        {
            File.Copy(file, Path.Combine(State, Path.GetFileName(file)));
        }

        var second = await _cli.RunAsync("migrate", "--from", State, "-o", "json");

        Assert.Equal(0, first.ExitCode);
        Golden.Check("migrate/first-run.txt", first.Stdout);
        Assert.Contains("Originals moved to <tmp>/state/backup-20250711T160000Z", first.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(second.Stdout);
        Assert.All(json.RootElement.GetProperty("items").EnumerateArray(), i => Assert.Equal(0, i.GetProperty("imported").GetInt32()));
        Assert.True(Directory.Exists(Path.Combine(State, "backup-20250711T160000Z-2")));
    }

    [Fact]
    public async Task History_WhenMigrated_LabelsSnapshotsAndSyncNoise()
    {
        await _cli.RunAsync("migrate", "--from", State);

        var result = await _cli.RunAsync("history", "aws-usw2-test", "-n", "team-a");

        Assert.Equal(0, result.ExitCode);
        Golden.Check("migrate/history-aws-usw2-test.txt", result.Stdout);
    }

    [Fact]
    public async Task History_WhenALegacyFileIsReadDirectly_MarksItLegacyAndItsSyncEntriesNoise()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_cli.HistoryDir, HistoryCli.Mc.Replace(':', '_').Replace('/', '_'), "kcm-system"));
        var target = Path.Combine(folder.FullName, "aws-usw2-test.yaml");
        File.Copy(Path.Combine(State, "cluster-aws-usw2-test-events.yaml"), target);

        var result = await _cli.RunAsync("history", "aws-usw2-test", "--all-management-clusters", "-n", "kcm-system");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains("cluster_deployment_created", StringComparison.Ordinal) && l.Contains("[legacy]", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.Contains("state_synced_from_kubernetes", StringComparison.Ordinal)),
            l => Assert.Contains("[legacy sync noise]", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_WhenTwoFoldersHoldTheSameName_GoesToTwoNamespaces()
    {
        await _cli.RunAsync("migrate", "--from", State);
        await _cli.RunAsync("migrate", "--from", Path.Combine(_cli.Root, "state-team-b"));

        var result = await _cli.RunAsync("history", "azure-eus-dev", "-A", "-o", "name");

        Assert.Equal("kcm-system/azure-eus-dev\nteam-b/azure-eus-dev\n", result.Stdout);
    }

    [Fact]
    public async Task Migrate_WhenTheFolderIsMissing_IsExit2()
    {
        var result = await _cli.RunAsync("migrate", "--from", Path.Combine(_cli.Root, "nope"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_WhenAFileIsUnreadable_IsPartialFailureExit8LeavingIt()
    {
        await File.WriteAllTextAsync(Path.Combine(State, "cluster-broken-events.yaml"), "events:\n  - timestamp: [\n");

        var result = await _cli.RunAsync("migrate", "--from", State);

        Assert.Equal(8, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(State, "cluster-broken-events.yaml")));
    }
}
