using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// <c>create -f</c> of several objects against golden files: a directory (a file of two documents, a <c>kind: List</c>, a
/// JSON file; a subdirectory read only with -R; other files ignored) as one plan that the dry run prints whole, that is
/// refused whole when one object fails the pre-flight, that needs confirming, and that --yes creates object by object, each
/// in its own history. The run's folder is masked as DIR.
/// </summary>
public sealed class CreateBatchTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task CreateFromADirectory_WhenEveryObjectPasses_PlansDryRunsAsksThenCreatesEachAndRecordsEach()
    {
        var (run, dir) = await WithDirectoryAsync("cb");

        LifecycleGoldenTests.Check("create-batch-dry-run.txt", await run.RunAsync("create", "-f", dir, "--dry-run"));
        LifecycleGoldenTests.Check("create-batch-unconfirmed.txt", await run.RunAsync("create", "-f", dir));
        LifecycleGoldenTests.Check("create-batch.txt", await run.RunAsync("create", "-f", dir, "-R", "--yes", "--reason", "batch"));

        foreach (var name in new[] { "cb-one", "cb-two", "cb-list-a", "cb-list-b", "cb-json", "cb-deep" })
        {
            Assert.Contains("action: cluster_created", run.HistoryText(name), StringComparison.Ordinal);
            Assert.Contains("reason: batch", run.HistoryText(name), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("cluster_create", run.HistoryText("cb-ignored"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFromAFile_WhenOneObjectFailsThePreflight_CreatesNothingAndNamesWhereItWasRead()
    {
        var (run, dir) = await WithDirectoryAsync("cr");
        var file = Path.Combine(dir, "two.yaml");
        await File.AppendAllTextAsync(file, "---\n" + WaitCommandTests.Manifest("cr-bad").Replace("aws-cluster-credential", "no-such-credential", StringComparison.Ordinal));

        LifecycleGoldenTests.Check("create-batch-refused.txt", await run.RunAsync("create", "-f", file, "--yes"));
        Assert.Equal(3, (await run.RunAsync("status", "cr-one")).ExitCode);
        Assert.Equal(string.Empty, run.HistoryText("cr-one"));
    }

    [Fact]
    public async Task CreateWithWait_WhenOneClusterFails_CreatesBothWaitsForBothAndExitsEight()
    {
        var run = fixture.NewRun();
        var file = Path.Combine(run.Home, "mixed.yaml");
        await File.WriteAllTextAsync(file, WaitCommandTests.Manifest("cw-good") + "\n---\n" + WaitCommandTests.Failing("cw-bad"));
        run.TerminalWidth = null;

        var typed = await run.TypeAsync("2\n", "create", "-f", file, "--wait", "--timeout", "5m");

        Assert.Equal(8, typed.ExitCode);
        Assert.Contains("Type the number of clusters (2) to confirm", typed.Stderr, StringComparison.Ordinal);
        Assert.Contains("clusterdeployment.k0rdent.mirantis.com/cw-good (kcm-system) created", typed.Stdout, StringComparison.Ordinal);
        Assert.Contains("clusterdeployment.k0rdent.mirantis.com/cw-good (kcm-system) ready", typed.Stdout, StringComparison.Ordinal);
        Assert.Contains("VpcLimitExceeded", typed.Stdout + typed.Stderr, StringComparison.Ordinal);
        Assert.Contains("action: observed_failed", run.HistoryText("cw-bad"), StringComparison.Ordinal);
    }

    /// <summary>A folder: two.yaml (two documents), list.yaml (a List of two), one.json, deep/deep.yaml (only with -R), notes.txt (never read).</summary>
    private async Task<(TestCli Run, string Dir)> WithDirectoryAsync(string prefix)
    {
        var run = fixture.NewRun();
        var dir = Directory.CreateDirectory(Path.Combine(run.Home, "clusters")).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "deep"));
        await File.WriteAllTextAsync(Path.Combine(dir, "two.yaml"), WaitCommandTests.Manifest($"{prefix}-one") + "\n---\n" + WaitCommandTests.Manifest($"{prefix}-two") + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "list.yaml"), "apiVersion: v1\nkind: List\nitems:\n"
            + Indented(WaitCommandTests.Manifest($"{prefix}-list-a")) + Indented(WaitCommandTests.Manifest($"{prefix}-list-b")));
        await File.WriteAllTextAsync(Path.Combine(dir, "one.json"), YamlJson.Parse(WaitCommandTests.Manifest($"{prefix}-json"))!.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(dir, "deep", "deep.yaml"), WaitCommandTests.Manifest($"{prefix}-deep"));
        await File.WriteAllTextAsync(Path.Combine(dir, "notes.txt"), WaitCommandTests.Manifest($"{prefix}-ignored"));
        run.Masks.Add((dir, "DIR"));
        return (run, dir);
    }

    private static string Indented(string manifest)
    {
        var lines = manifest.Split('\n');
        return string.Concat(lines.Select((l, i) => (i == 0 ? "- " : "  ") + l + "\n"));
    }
}
