using System.Text.Json;
using System.Text.RegularExpressions;
using Childctl.Testing;

namespace Childctl.Aot.Tests;

/// <summary>
/// The binaries users install, tested as they run them: published NativeAOT, installed with <c>childctl install</c>,
/// then a lifecycle against the sandbox, through childctl and through kubectl's plugin mechanism. JIT-only tests
/// cannot see a trimming or source-generation gap; these can.
/// </summary>
[Collection(PublishedCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ShippedBinaryTests(PublishedBinaries published)
{
    [Fact]
    public void Publish_OfCliAndSandbox_SucceedsWithoutTrimOrAotWarnings()
    {
        foreach (var (project, result) in published.Publishes)
        {
            Assert.True(result.ExitCode == 0, $"dotnet publish {project} failed:\n{result}");
        }

        Assert.True(published.Warnings.Count == 0, "the NativeAOT publish warned:\n" + string.Join('\n', published.Warnings));
        Assert.True(File.Exists(published.Childctl));
        Assert.True(File.Exists(Path.Combine(published.Folder, "childctl-sandbox")));
    }

    [Fact]
    public async Task Install_PutsBinariesKubectlPluginLinksAndBashCompletionInPlace()
    {
        var (installed, result) = await InstalledChildctl.InstallAsync(published);
        using var _ = installed;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            $"installed childctl: {installed.Bin}/childctl\n" +
            $"installed childctl-sandbox: {installed.Bin}/childctl-sandbox\n" +
            $"installed kubectl plugin: {installed.Bin}/kubectl-childctl\n" +
            $"installed kubectl plugin completion: {installed.Bin}/kubectl_complete-childctl\n" +
            $"installed bash completion: {installed.Home}/data/bash-completion/completions/childctl\n", result.Stdout);
        Assert.Equal("childctl", new FileInfo(Path.Combine(installed.Bin, "kubectl-childctl")).LinkTarget);
        Assert.Equal("childctl", new FileInfo(Path.Combine(installed.Bin, "kubectl_complete-childctl")).LinkTarget);
        Assert.True(File.GetUnixFileMode(installed.Childctl).HasFlag(UnixFileMode.OtherExecute));
        Assert.Contains("complete -o default -F _childctl_complete childctl",
            await File.ReadAllTextAsync(Path.Combine(installed.Home, "data", "bash-completion", "completions", "childctl")), StringComparison.Ordinal);
        Assert.Equal("", result.Stderr.Replace("note: bash loads the completion through the bash-completion package; 'kubectl childctl <TAB>' completes once kubectl's own completion is loaded\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Version_OfTheInstalledBinary_IsStampedFromGit()
    {
        var (installed, _) = await InstalledChildctl.InstallAsync(published);
        using var __ = installed;
        var head = await ProcessRunner.RunAsync("git", ["rev-parse", "--short=12", "HEAD"], workingDirectory: RepoPaths.Root);

        var result = await installed.RunAsync("version", "--client");

        Assert.Equal(0, result.ExitCode);
        if (head.ExitCode != 0)
        {
            Assert.Equal("Client Version: v0.0.0-dev\n", result.Stdout); // built outside a git checkout
            return;
        }

        var match = VersionLine().Match(result.Stdout);
        Assert.True(match.Success, result.Stdout);
        Assert.Equal(head.Stdout.Trim(), match.Groups["sha"].Success ? match.Groups["sha"].Value : head.Stdout.Trim());
    }

    [Fact]
    public async Task Lifecycle_AgainstTheSandbox_WorksThroughChildctlAndAsAKubectlPlugin()
    {
        var (installed, _) = await InstalledChildctl.InstallAsync(published);
        using var __ = installed;
        var up = await installed.RunAsync("sandbox", "up", "--detach", "--speed", "60", "--kubeconfig-out", installed.Environment["KUBECONFIG"]);
        Assert.True(up.ExitCode == 0, up.ToString());
        try
        {
            await Expect(installed, 0, "create", "azure", "aot-az", "--location", "eastus", "--subscription-id", "00000000-0000-0000-0000-000000000000",
                "--wait", "--timeout", "2m", "--reason", "aot smoke");
            using (var list = JsonDocument.Parse((await Expect(installed, 0, "list", "-o", "json")).Stdout))
            {
                Assert.Contains(list.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("metadata").GetProperty("name").GetString() == "aot-az");
            }

            using (var version = JsonDocument.Parse((await Expect(installed, 0, "version", "-o", "json")).Stdout))
            {
                Assert.Equal("NativeAOT", version.RootElement.GetProperty("clientVersion").GetProperty("compiler").GetString());
                Assert.Equal("1.1.0", version.RootElement.GetProperty("k0rdentVersion").GetProperty("version").GetString());
            }

            var plugin = await installed.RunFileAsync("/usr/bin/kubectl", "childctl", "list");
            Assert.True(plugin.ExitCode == 0, plugin.ToString());
            Assert.Matches(@"(?m)^aot-az\s+Ready\s+True\s+azure\s+eastus\s", plugin.Stdout);
            var typo = await installed.RunFileAsync("/usr/bin/kubectl", "childctl", "lisst");
            Assert.Equal(2, typo.ExitCode);
            Assert.EndsWith("Run 'kubectl childctl --help' for usage.\n", typo.Stderr, StringComparison.Ordinal);
            var completion = await installed.RunFileAsync("/usr/bin/kubectl", "__complete", "childctl", "li");
            Assert.StartsWith("list\n:4\n", completion.Stdout, StringComparison.Ordinal);
            var names = await installed.RunFileAsync("/usr/bin/kubectl", "__complete", "childctl", "scale", "aot-");
            Assert.Contains("aot-az\n", names.Stdout, StringComparison.Ordinal);

            await Expect(installed, 0, "scale", "aot-az", "--workers", "3", "--wait", "--timeout", "2m");
            await Expect(installed, 0, "delete", "aot-az", "--yes", "--wait", "--timeout", "2m");
            var history = await Expect(installed, 0, "history", "aot-az", "-o", "json");
            foreach (var action in (string[])["cluster_created", "observed_ready", "cluster_scaled", "cluster_deleted", "observed_deleted"])
            {
                Assert.Contains($"\"{action}\"", history.Stdout, StringComparison.Ordinal);
            }
        }
        finally
        {
            await installed.RunAsync("sandbox", "down");
        }
    }

    [Fact]
    public async Task Demo_OfTheInstalledBinary_RunsToTheEnd()
    {
        var (installed, _) = await InstalledChildctl.InstallAsync(published);
        using var __ = installed;

        var demo = await ProcessRunner.RunAsync(installed.Childctl, ["demo"], installed.Environment, TimeSpan.FromMinutes(5));

        Assert.True(demo.ExitCode == 0, demo.ToString());
    }

    [Fact]
    public async Task Release_PackagesThePublishedBinaries_WithChecksumsAKrewManifestAndAFormula()
    {
        using var out_ = new TempDirectory("childctl-release");

        var release = await ProcessRunner.RunAsync("bash",
            [Path.Combine(RepoPaths.Root, "scripts", "release.sh"), "--from", published.Folder, "--out", out_.Path, "--base-url", "https://example.test/dl"]);

        Assert.True(release.ExitCode == 0, release.ToString());
        var version = (await ProcessRunner.RunAsync(published.Childctl, ["version", "--client"])).Stdout.Trim()["Client Version: v".Length..];
        var archive = $"childctl_{version}_linux_amd64.tar.gz";
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(out_.Combine(archive))));
        Assert.Equal($"{sha}  {archive}\n", await File.ReadAllTextAsync(out_.Combine("checksums.txt")));
        var krew = await File.ReadAllTextAsync(out_.Combine("childctl.yaml"));
        Assert.Contains($"    uri: https://example.test/dl/{archive}\n    sha256: {sha}\n", krew, StringComparison.Ordinal);
        Assert.Contains($"  version: v{version}\n", krew, StringComparison.Ordinal);
        var formula = await File.ReadAllTextAsync(out_.Combine("childctl.rb"));
        Assert.Contains($"url \"https://example.test/dl/{archive}\"\n      sha256 \"{sha}\"", formula, StringComparison.Ordinal);
        var listing = await ProcessRunner.RunAsync("tar", ["-tzf", out_.Combine(archive)]);
        Assert.Equal("./\n./README.md\n./childctl\n./childctl-sandbox\n./completion/\n./completion/childctl.bash\n./completion/childctl.fish\n./completion/childctl.zsh\n",
            listing.Stdout);
    }

    private static async Task<ProcessResult> Expect(InstalledChildctl installed, int exitCode, params string[] args)
    {
        var result = await installed.RunAsync(args);
        Assert.True(result.ExitCode == exitCode, $"childctl {string.Join(' ', args)}: {result}");
        return result;
    }

    [GeneratedRegex(@"^Client Version: v(?:\d+\.\d+\.\d+(?:-dev\.\d+)?(?:\+(?<sha>[0-9a-f]{12})(?:\.dirty)?)?|0\.0\.0-dev\+(?<sha>[0-9a-f]{12})(?:\.dirty)?)\n$")]
    private static partial Regex VersionLine();
}
