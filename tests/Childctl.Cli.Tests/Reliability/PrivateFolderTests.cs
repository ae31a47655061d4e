using System.Runtime.InteropServices;
using Childctl.Cli.Tests.Lifecycle;

namespace Childctl.Cli.Tests.Reliability;

/// <summary>
/// Every folder childctl creates is 0700, whatever the umask: the parents of <c>kubeconfig -f</c>, of a
/// <c>--merge</c> target and of <c>sandbox up --kubeconfig-out</c>, as history folders are. Runs under umask 000,
/// where a folder left to the umask would be 0777.
/// </summary>
[Collection(UmaskCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class PrivateFolderTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Kubeconfig_WhenWrittenOrMergedIntoNewFolders_CreatesEachFolder0700UnderUmask000()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "k-umask", "--region", "us-west-2", "--wait")).ExitCode);
        var file = Path.Combine(run.Home, "a", "b", "k.kubeconfig");
        var merged = Path.Combine(run.Home, "m", "n", "config");

        var (written, merge) = await UnderUmask000(async () => (await run.RunAsync("kubeconfig", "k-umask", "-f", file), await run.RunAsync("kubeconfig", "k-umask", "--merge", merged)));

        Assert.True(written.ExitCode == 0, written.Stderr);
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        foreach (var folder in new[] { "a", "a/b", "m", "m/n" })
        {
            Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.Combine(run.Home, folder)));
        }

        Assert.Equal(PrivateFile, File.GetUnixFileMode(file));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(merged));
    }

    [Fact]
    public async Task SandboxUp_WhenTheKubeconfigGoesIntoNewFolders_CreatesEachFolder0700UnderUmask000()
    {
        await using var env = new SandboxEnvironment();
        var kubeconfig = Path.Combine(env.Variables["HOME"], "s", "t", "kubeconfig");

        var up = await UnderUmask000(() => env.RunAsync("sandbox", "up", "--detach", "--kubeconfig-out", kubeconfig));

        Assert.True(up.ExitCode == 0, up.Stderr);
        Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.Combine(env.Variables["HOME"], "s")));
        Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.GetDirectoryName(kubeconfig)!));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(kubeconfig));
        foreach (var state in new[] { "state", "state/childctl", "state/childctl/sandbox" })
        {
            Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.Combine(env.Variables["HOME"], state)));
        }

        Assert.Equal(0, (await env.RunAsync("sandbox", "down")).ExitCode);
    }

    private static async Task<T> UnderUmask000<T>(Func<Task<T>> action)
    {
        var old = Umask(0);
        try
        {
            return await action();
        }
        finally
        {
            _ = Umask(old);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial int Umask(int mask);
}

/// <summary>The umask is per process: the tests that change it run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UmaskCollection
{
    public const string Name = "umask";
}
