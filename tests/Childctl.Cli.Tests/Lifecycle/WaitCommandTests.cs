using System.Text.RegularExpressions;
using Childctl.Sandbox.Faults;

namespace Childctl.Cli.Tests.Lifecycle;

public sealed partial class WaitCommandTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Wait_WhenRunTwice_RecordsTheReadyTransitionOnce()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "w-twice", "--region", "us-west-2", "--wait")).ExitCode);

        var first = await run.RunAsync("wait", "w-twice");
        var second = await run.RunAsync("wait", "w-twice", "--for", "ready");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("clusterdeployment.k0rdent.mirantis.com/w-twice ready", second.Stdout, StringComparison.Ordinal);
        Assert.Single(ObservedReady().Matches(run.HistoryText("w-twice")));
    }

    [Fact]
    public async Task Wait_WhenK0rdentReportsFailure_StopsWithExit7_PrintingTheMessage_AndRecordsIt()
    {
        var run = fixture.NewRun();
        var file = Path.Combine(run.Home, "failing.yaml");
        await File.WriteAllTextAsync(file, Failing("w-fails"));

        var result = await run.RunAsync("create", "-f", file, "--wait");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("failed:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("VpcLimitExceeded", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("action: observed_failed", run.HistoryText("w-fails"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_WhenForDeleted_EndsWhenGoneAndRecordsObservedDeleted()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "gcp", "w-gone", "--region", "us-east4", "--project", "p")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("delete", "w-gone", "--yes")).ExitCode);

        var result = await run.RunAsync("wait", "w-gone", "--for", "deleted");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("w-gone deleted", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("action: observed_deleted", run.HistoryText("w-gone"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForDeleted_WhenAlreadyGone_RecordsTheDeleteHistoryRequested_Once()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "gcp", "w-gone-early", "--region", "us-east4", "--project", "p")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("delete", "w-gone-early", "--yes")).ExitCode);
        await GoneFromTheStoreAsync("w-gone-early");

        var first = await run.RunAsync("wait", "w-gone-early", "--for", "deleted");
        var second = await run.RunAsync("wait", "w-gone-early", "--for", "deleted");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("w-gone-early deleted", first.Stdout, StringComparison.Ordinal);
        Assert.Single(ObservedDeleted().Matches(run.HistoryText("w-gone-early")));
    }

    private async Task GoneFromTheStoreAsync(string name)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (fixture.Sandbox.Store.Get(Childctl.Sandbox.Storage.ResourceType.ClusterDeployment, "kcm-system", name) is not null)
        {
            await Task.Delay(20, limit.Token);
        }
    }

    [Fact]
    public async Task Wait_WhenTheClusterDoesNotExist_IsNotFound()
    {
        var result = await fixture.NewRun().RunAsync("wait", "w-never");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not found", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>An AWS ClusterDeployment that fails at the infrastructure step at once (a VPC quota error).</summary>
    internal static string Failing(string name) => Manifest(name, ("fail-at", "infrastructure"), ("fail-fast", "\"true\""));

    /// <summary>An AWS ClusterDeployment with the sandbox's failure-injection annotations (sandbox.childctl.dev/KEY: VALUE).</summary>
    internal static string Manifest(string name, params (string Key, string Value)[] faults) => $$"""
        apiVersion: k0rdent.mirantis.com/v1beta1
        kind: ClusterDeployment
        metadata:
          name: {{name}}
          annotations:
        {{string.Concat(faults.Select(f => $"    sandbox.childctl.dev/{f.Key}: {f.Value}\n"))}}spec:
          template: aws-standalone-cp-1-0-43
          credential: aws-cluster-credential
          config:
            region: us-west-2
            controlPlane: {instanceType: t3.small}
            worker: {instanceType: t3.small}
        """;

    [GeneratedRegex("action: observed_deleted")]
    private static partial Regex ObservedDeleted();

    [GeneratedRegex("action: observed_ready")]
    private static partial Regex ObservedReady();
}

public sealed class WaitThroughFaultsTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Wait_WhenWatchStreamsKeepDropping_StillSeesTheClusterBecomeReady()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "azure", "w-drops", "--location", "eastus", "--subscription-id", "s")).ExitCode);
        fixture.Sandbox.Faults.Settings = new FaultSettings { DropWatchAfterEvents = 1 };
        try
        {
            var result = await run.RunAsync("wait", "w-drops");

            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Contains("action: observed_ready", run.HistoryText("w-drops"), StringComparison.Ordinal);
        }
        finally
        {
            fixture.Sandbox.Faults.Reset();
        }
    }
}
