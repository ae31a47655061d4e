namespace Childctl.Cli.Tests.Lifecycle;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KubeconfigCommandTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Kubeconfig_WhenWrittenAnywhere_KeepsFilesPrivateAndNeverRecordsTheContent()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "k-one", "--region", "us-west-2", "--wait")).ExitCode);

        var stdout = await run.RunAsync("kubeconfig", "k-one");
        Assert.Equal(0, stdout.ExitCode);
        Assert.Contains("kind: Config", stdout.Stdout, StringComparison.Ordinal);

        var file = Path.Combine(run.Home, "k-one.kubeconfig");
        Assert.Equal(0, (await run.RunAsync("kubeconfig", "k-one", "-f", file)).ExitCode);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
        Assert.Equal(stdout.Stdout, await File.ReadAllTextAsync(file));

        var history = run.HistoryText("k-one");
        Assert.Contains("action: kubeconfig_retrieved", history, StringComparison.Ordinal);
        foreach (var line in stdout.Stdout.Split('\n').Where(l => l.Contains("-data:", StringComparison.Ordinal) || l.Contains("token:", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line.Split(':', 2)[1].Trim(), history, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Kubeconfig_WhenThePathCannotBeAFile_IsBadInputSaidPlainly()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "k-path", "--region", "us-west-2", "--wait")).ExitCode);
        var afile = Path.Combine(run.Home, "afile");
        await File.WriteAllTextAsync(afile, "x");
        var folder = Directory.CreateDirectory(Path.Combine(run.Home, "folder")).FullName;

        var under = await run.RunAsync("kubeconfig", "k-path", "-f", Path.Combine(afile, "sub", "x.kubeconfig"));
        var intoFolder = await run.RunAsync("kubeconfig", "k-path", "-f", folder, "--force");
        var mergeFolder = await run.RunAsync("kubeconfig", "k-path", "--merge", folder);

        Assert.Equal((2, $"error: cannot write {Path.Combine(afile, "sub", "x.kubeconfig")}: {afile} is a file, so the folder {Path.Combine(afile, "sub")} cannot be created there\n"),
            (under.ExitCode, under.Stderr));
        Assert.Equal((2, $"error: {folder} is a folder: give the path of a file\n"), (intoFolder.ExitCode, intoFolder.Stderr));
        Assert.Equal((2, $"error: {folder} is a folder: give the path of a file\n"), (mergeFolder.ExitCode, mergeFolder.Stderr));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
        Assert.DoesNotContain("action: kubeconfig_retrieved", run.HistoryText("k-path"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_WhenTheClusterIsADryRunOrFailed_SaysWhyThereIsNone()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "k-dry", "--region", "us-west-2", "--k0rdent-dry-run", "--wait")).ExitCode);
        var file = Path.Combine(run.Home, "failing.yaml");
        await File.WriteAllTextAsync(file, WaitCommandTests.Failing("k-failed"));
        Assert.Equal(7, (await run.RunAsync("create", "-f", file, "--wait")).ExitCode);

        var dry = await run.RunAsync("kubeconfig", "k-dry");
        var failed = await run.RunAsync("kubeconfig", "k-failed");

        Assert.Equal(3, dry.ExitCode);
        Assert.Contains("does not exist: the cluster is a k0rdent dry run (spec.dryRun), validated but never deployed", dry.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("is not available: k0rdent reports the cluster Failed (InfrastructureReady:", failed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("childctl wait", dry.Stderr + failed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_WhenTheFileExistsWithoutForce_NeverOverwritesIt()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "k-keep", "--region", "us-west-2", "--wait")).ExitCode);
        var file = Path.Combine(run.Home, "existing");
        await File.WriteAllTextAsync(file, "mine");

        var refused = await run.RunAsync("kubeconfig", "k-keep", "-f", file);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("already exists: pass --force", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(file));

        Assert.Equal(0, (await run.RunAsync("kubeconfig", "k-keep", "-f", file, "--force")).ExitCode);
        Assert.Contains("kind: Config", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Kubeconfig_WhenMerged_AddsAContextNamedAfterTheClusterKeepingTheRest()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "gcp", "k-merge", "--region", "us-east4", "--project", "p", "--wait")).ExitCode);
        var target = Path.Combine(run.Home, ".kube", "config");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(fixture.KubeconfigPath, target);
        var before = await File.ReadAllTextAsync(target);

        var result = await run.RunAsync("kubeconfig", "k-merge", "--merge", target);

        Assert.Equal(0, result.ExitCode);
        var merged = await File.ReadAllTextAsync(target);
        Assert.Contains("name: k-merge", merged, StringComparison.Ordinal);
        Assert.Contains("name: k-merge-admin", merged, StringComparison.Ordinal);
        foreach (var line in before.Split('\n').Where(l => l.Contains("name:", StringComparison.Ordinal) || l.Contains("current-context", StringComparison.Ordinal)))
        {
            Assert.Contains(line.Trim(), merged, StringComparison.Ordinal);
        }

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(target));
        Assert.Contains($"Context \"k-merge\" added to {target}", result.Stderr, StringComparison.Ordinal);

        var again = await run.RunAsync("kubeconfig", "k-merge", "--merge", target);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"Context \"k-merge\" updated in {target}", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(merged, await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task Kubeconfig_WhenMergedIntoAKubeconfigList_KeepsTheCurrentContextThenDeleteAndForgetFindIt()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "k-list", "--region", "us-west-2", "--wait")).ExitCode);
        var first = Path.Combine(run.Home, "first");
        var mgmt = Path.Combine(run.Home, "mgmt");
        await File.WriteAllTextAsync(first, "apiVersion: v1\nkind: Config\n");
        File.Copy(fixture.KubeconfigPath, mgmt);
        run.Environment["KUBECONFIG"] = first + ":" + mgmt;

        var merge = await run.RunAsync("kubeconfig", "k-list", "--merge");
        var list = await run.RunAsync("list", "-o", "name");

        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Contains($"Context \"k-list\" added to {first}; the current context is unchanged", merge.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("current-context", await File.ReadAllTextAsync(first), StringComparison.Ordinal);
        Assert.Contains("k-list", list.Stdout, StringComparison.Ordinal); // still the management cluster, not the child

        var delete = await run.RunAsync("delete", "k-list", "--yes");
        var forget = await run.RunAsync("kubeconfig", "k-list", "--forget");

        Assert.True(delete.ExitCode == 0, delete.Stderr);
        Assert.Contains($"note: kubeconfig context \"k-list\" in {first} points at the deleted cluster k-list; remove it with: childctl kubeconfig k-list --forget",
            delete.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, forget.ExitCode);
        Assert.Contains($"Removed context \"k-list\" from {first}.", forget.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("k-list", await File.ReadAllTextAsync(first), StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(fixture.KubeconfigPath), await File.ReadAllTextAsync(mgmt));
    }
}
