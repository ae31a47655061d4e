using Childctl.Cli.Tests.Lifecycle;
using Childctl.Sandbox;
using Childctl.Sandbox.Hosting;
using Childctl.Testing;

namespace Childctl.Cli.Tests.History;

/// <summary>note asks the API for the cluster's uid: recorded when the sandbox has the cluster, and otherwise said why.</summary>
public sealed class NoteUidTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task Note_WhenTheClusterExists_RecordsItsUid()
    {
        var uid = fixture.Seed("n-live", "True", "Succeeded", DateTimeOffset.UtcNow)["metadata"]!["uid"]!.GetValue<string>();
        var run = fixture.NewRun();

        var result = await run.RunAsync("note", "n-live", "kept for the demo");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Matches($"\n    uid: \"?{uid}\"?\n", run.HistoryText("n-live"));
    }

    [Fact]
    public async Task Note_WhenTheClusterDoesNotExistAndIsForced_IsRecordedWithoutUidSayingSo()
    {
        var run = fixture.NewRun();

        var result = await run.RunAsync("note", "n-absent", "planned for next week", "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("note recorded without a uid: ClusterDeployment \"n-absent\" does not exist in namespace \"kcm-system\" on childctl-sandbox\n", result.Stderr);
        Assert.DoesNotContain("uid:", run.HistoryText("n-absent"), StringComparison.Ordinal);
        Assert.Contains("message: \"planned for next week\"", run.HistoryText("n-absent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_WhenTheApiIsUnreachable_IsRecordedWithoutUidSayingSo()
    {
        var dir = Directory.CreateTempSubdirectory("childctl-note-stopped-").FullName;
        try
        {
            var kubeconfig = Path.Combine(dir, "kubeconfig");
            await using (var sandbox = await SandboxHost.StartAsync(new SandboxOptions { EnableController = false }))
            {
                sandbox.WriteKubeconfig(kubeconfig);
            }

            var run = TestCli.InHome(dir, kubeconfig);

            var result = await run.RunAsync("note", "n-offline", "written on the train");

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("note recorded without a uid: cannot reach the management cluster at https://127.0.0.1:", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("connection refused", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("action: note_added", run.HistoryText("n-offline"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
