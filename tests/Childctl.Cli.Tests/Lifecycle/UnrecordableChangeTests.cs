using System.Security.Cryptography;
using System.Text.Json;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// A change childctl could not record is not made: when a cluster's history file does not parse, every operation
/// that would append to it stops before touching the cluster (exit 2, the file named with its line), and the file
/// stays byte for byte as it was. In a bulk delete only that cluster is held back (exit 8).
/// </summary>
public sealed class UnrecordableChangeTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Change_WhenTheHistoryFileIsCorrupt_ChangesNothingExit2()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "azure", "uc-one", "--location", "eastus", "--subscription-id", "s",
            "--template", "azure-standalone-cp-1-0-41", "--worker-number", "1", "--wait")).ExitCode);
        var (file, hash) = Corrupt(run, "uc-one");
        var kubeconfig = Path.Combine(run.Home, "uc-one.kubeconfig");

        var attempts = new[]
        {
            await run.RunAsync("scale", "uc-one", "--workers", "4"),
            await run.RunAsync("upgrade", "uc-one", "--to", "azure-standalone-cp-1-0-44"),
            await run.RunAsync("kubeconfig", "uc-one", "-f", kubeconfig),
            await run.RunAsync("delete", "uc-one", "--yes"),
        };

        Assert.All(attempts, a =>
        {
            Assert.Equal(2, a.ExitCode);
            Assert.Contains($"history file {file} is not valid at line 2", a.Stderr, StringComparison.Ordinal);
        });
        var live = await LiveAsync(run, "uc-one");
        Assert.Equal(1, live.GetProperty("spec").GetProperty("config").GetProperty("workersNumber").GetInt32());
        Assert.Equal("azure-standalone-cp-1-0-41", live.GetProperty("spec").GetProperty("template").GetString());
        Assert.False(live.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _));
        Assert.False(File.Exists(kubeconfig));
        Assert.Equal(hash, Hash(file));
    }

    [Fact]
    public async Task Change_WhenTheHistoryFolderCannotBeWritten_ChangesNothing()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "uw-one", "--region", "us-west-2", "--worker-number", "1", "--wait")).ExitCode);
        var blocked = Path.Combine(run.Home, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "a file where the history folder should be\n");
        run.Environment["CHILDCTL_HISTORY_DIR"] = blocked;

        var attempts = new[]
        {
            await run.RunAsync("create", "aws", "uw-two", "--region", "us-west-2"),
            await run.RunAsync("scale", "uw-one", "--workers", "4"),
            await run.RunAsync("delete", "uw-one", "--yes"),
        };

        Assert.All(attempts, a =>
        {
            Assert.Equal(1, a.ExitCode);
            Assert.Contains($"{blocked} is a file, not a folder; move it aside or choose another --history-dir", a.Stderr, StringComparison.Ordinal);
        });
        Assert.Equal(3, (await run.RunAsync("status", "uw-two")).ExitCode);
        var live = await LiveAsync(run, "uw-one");
        Assert.Equal(1, live.GetProperty("spec").GetProperty("config").GetProperty("workersNumber").GetInt32());
        Assert.False(live.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _));
    }

    [Fact]
    public async Task Delete_WhenOneHistoryFileCannotTakeTheRecord_HoldsBackOnlyThatClusterExit8()
    {
        var run = fixture.NewRun();
        foreach (var name in new[] { "ub-good", "ub-bad" })
        {
            Assert.Equal(0, (await run.RunAsync("create", "aws", name, "--region", "us-west-2", "--cluster-labels", "batch=ub")).ExitCode);
        }

        var (file, hash) = Corrupt(run, "ub-bad");

        var result = await run.RunAsync("delete", "-l", "batch=ub", "--yes", "--wait");

        Assert.Equal(8, result.ExitCode);
        Assert.Contains("ub-bad (kcm-system) not deleted: its deletion could not be recorded: history file", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, (await run.RunAsync("status", "ub-good")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("status", "ub-bad")).ExitCode);
        Assert.Contains("action: cluster_deleted", run.HistoryText("ub-good"), StringComparison.Ordinal);
        Assert.Equal(hash, Hash(file));
    }

    [Fact]
    public async Task Create_WhenAnEarlierIncarnationsHistoryIsCorrupt_CreatesNothingExit2()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("note", "uc-again", "planned for next week", "--force")).ExitCode);
        var (file, hash) = Corrupt(run, "uc-again");

        var result = await run.RunAsync("create", "aws", "uc-again", "--region", "us-west-2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"history file {file} is not valid at line 2", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, (await run.RunAsync("status", "uc-again")).ExitCode);
        Assert.Equal(hash, Hash(file));
    }

    /// <summary>Breaks the cluster's history file at line 2, the namespace (after dropping the comment header), as a bad hand edit would.</summary>
    private static (string File, string Hash) Corrupt(TestCli run, string name)
    {
        var file = Directory.GetFiles(run.HistoryDirectory, name + ".yaml", SearchOption.AllDirectories).Single();
        var lines = File.ReadAllLines(file).Where(l => !l.StartsWith('#')).ToList();
        Assert.StartsWith("namespace: ", lines[1], StringComparison.Ordinal);
        lines[1] = "namespace: [kcm-system";
        File.WriteAllText(file, string.Join('\n', lines) + "\n");
        return (file, Hash(file));
    }

    private static async Task<JsonElement> LiveAsync(TestCli run, string name)
    {
        var result = await run.RunAsync("status", name, "-o", "json");
        Assert.Equal(0, result.ExitCode);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
