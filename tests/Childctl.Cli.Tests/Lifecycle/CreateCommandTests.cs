using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

public sealed class CreateCommandTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Create_WhenAzureWithWait_CreatesWaitsAndRecordsHistory()
    {
        var run = fixture.NewRun();

        var result = await run.RunAsync("create", "azure", "az-wait", "--location", "eastus", "--subscription-id", "sub-1", "--wait", "--reason", "smoke test");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("clusterdeployment.k0rdent.mirantis.com/az-wait created", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("clusterdeployment.k0rdent.mirantis.com/az-wait ready", result.Stdout, StringComparison.Ordinal);
        var history = run.HistoryText("az-wait");
        Assert.Contains("action: cluster_created", history, StringComparison.Ordinal);
        Assert.Contains("user: tester\n    k8s_user: ", history, StringComparison.Ordinal);
        Assert.Contains("action: observed_ready", history, StringComparison.Ordinal);
        Assert.Contains("reason: \"smoke test\"", history, StringComparison.Ordinal);
    }
}
