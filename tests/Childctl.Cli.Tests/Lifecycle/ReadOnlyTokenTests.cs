using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// A viewer's kubeconfig (the sandbox's read-only token) can read everything and write nothing: every mutating command
/// ends with exit 4 and the server's message, the cluster stays as it was, and the refused attempt is recorded.
/// </summary>
public sealed class ReadOnlyTokenTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Create_WhenTheTokenIsReadOnly_IsForbiddenExit4AndRecordsTheFailure()
    {
        var viewer = ViewerRun();

        var result = await viewer.RunAsync("create", "aws", "ro-create", "--region", "us-west-2");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("403", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, (await fixture.NewRun().RunAsync("status", "ro-create")).ExitCode);
        Assert.Contains("action: cluster_create_failed", viewer.HistoryText("ro-create"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleAndDelete_WhenTheTokenIsReadOnly_AreForbiddenExit4AndChangeNothing()
    {
        var admin = fixture.NewRun();
        Assert.Equal(0, (await admin.RunAsync("create", "aws", "ro-scale", "--region", "us-west-2", "--worker-number", "1", "--wait")).ExitCode);
        var viewer = ViewerRun();

        var scale = await viewer.RunAsync("scale", "ro-scale", "--workers", "4");
        var delete = await viewer.RunAsync("delete", "ro-scale", "--yes");

        Assert.Equal(4, scale.ExitCode);
        Assert.Contains("403", scale.Stderr, StringComparison.Ordinal);
        Assert.Contains("action: cluster_scale_failed", viewer.HistoryText("ro-scale"), StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 4, delete.Stdout + delete.Stderr);
        Assert.Contains("action: cluster_delete_failed", viewer.HistoryText("ro-scale"), StringComparison.Ordinal);
        var status = await admin.RunAsync("list", "-o", "json");
        Assert.Contains("\"ro-scale\"", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"workersNumber\": 1", status.Stdout, StringComparison.Ordinal);
    }

    private TestCli ViewerRun()
    {
        var run = fixture.NewRun();
        var kubeconfig = Path.Combine(run.Home, "kubeconfig-viewer");
        fixture.Sandbox.WriteKubeconfig(kubeconfig, readOnly: true);
        run.Environment["KUBECONFIG"] = kubeconfig;
        return run;
    }
}
