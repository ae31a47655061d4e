namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>Waits against a sandbox whose controller is off, so each state is exactly what the test wrote.</summary>
public sealed class WaitTrapsTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UtcNow.AddDays(-2);

    [Fact]
    public async Task Wait_WhenTimeRunsOut_Exits6_ListingTheUnmetConditions()
    {
        fixture.Seed("t-slow", "False", "Progressing", LongAgo);

        var result = await fixture.NewRun().RunAsync("wait", "t-slow", "--timeout", "1s");

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("timed out after 1s", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("CAPIClusterSummary False/IssuesReported: not yet", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_WhenReadyIsStaleAfterASpecChange_DoesNotTrustIt()
    {
        var cluster = fixture.Seed("t-stale", "True", "Succeeded", LongAgo);
        cluster["spec"]!["config"]!["workersNumber"] = 5;
        fixture.Sandbox.Store.Update(Childctl.Sandbox.Storage.ResourceType.ClusterDeployment, cluster, "kubectl-edit");

        var result = await fixture.NewRun().RunAsync("wait", "t-stale", "--timeout", "1s");

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("k0rdent has observed generation 1, not the current 2", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleWait_WhenReadyIsFromBeforeTheOperation_DoesNotTrustIt()
    {
        fixture.Seed("t-before", "True", "Succeeded", LongAgo);
        var run = fixture.NewRun();
        var scale = run.RunAsync("scale", "t-before", "--workers", "4", "--wait", "--timeout", "1s");
        var result = await scale;

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("scaled (workers 2 → 4", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("k0rdent has observed generation 1, not the current 2", result.Stderr, StringComparison.Ordinal);

        var after = fixture.Get("t-before");
        fixture.SetStatus(after, "True", "Succeeded", LongAgo, observedGeneration: 2);
        var again = await run.RunAsync("wait", "t-before", "--timeout", "1s");
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public async Task Wait_WhenReadyComesWithoutHelmAndCapi_DoesNotTrustIt()
    {
        var cluster = fixture.Seed("t-early", "True", "Succeeded", LongAgo);
        var conditions = cluster["status"]!["conditions"]!.AsArray();
        conditions.RemoveAt(2);
        conditions.RemoveAt(1);
        fixture.Sandbox.Store.UpdateStatus(Childctl.Sandbox.Storage.ResourceType.ClusterDeployment, cluster, "manager");

        var result = await fixture.NewRun().RunAsync("wait", "t-early", "--timeout", "1s");

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("k0rdent reports Ready but HelmReleaseReady does not exist yet: not trusted yet", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_WhenTheControlPlaneIsNotUp_IsNotAvailableYetWithThePhase()
    {
        fixture.Seed("t-nokc", "False", "Progressing", LongAgo);

        var result = await fixture.NewRun().RunAsync("kubeconfig", "t-nokc");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("is not available yet (phase Provisioning", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Kubeconfig_WhenARegionalClusterManagesIt_SaysWhereTheSecretIs()
    {
        var cluster = fixture.Seed("t-regional", "True", "Succeeded", LongAgo);
        cluster["status"]!["region"] = "eu-regional";
        fixture.Sandbox.Store.UpdateStatus(Childctl.Sandbox.Storage.ResourceType.ClusterDeployment, cluster, "manager");
        var run = fixture.NewRun();

        var kubeconfig = await run.RunAsync("kubeconfig", "t-regional");
        var status = await run.RunAsync("status", "t-regional");

        Assert.Equal(3, kubeconfig.ExitCode);
        Assert.Contains("is not on this management cluster: its Credential is regional (region \"eu-regional\")", kubeconfig.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("childctl wait", kubeconfig.Stderr, StringComparison.Ordinal);
        Assert.Contains("Kubeconfig: on the regional cluster of region \"eu-regional\"", status.Stdout, StringComparison.Ordinal);
    }
}
