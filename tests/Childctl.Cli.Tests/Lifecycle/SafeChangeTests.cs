using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// No change on top of a change in flight (issue 15 point 3), with the controller off so that "in flight" stays exactly
/// as the test wrote it: k0rdent has not observed the last patch until the test says so. Refusals are exit 2, name what
/// is in progress and how to wait, change nothing and record nothing; <c>--force</c> goes ahead and is recorded.
/// </summary>
public sealed class SafeChangeTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task UpgradeAndScale_WhenThePreviousChangeIsNotObserved_AreRefusedUntilForced()
    {
        Settled("sc-hop");
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("scale", "sc-hop", "--workers", "3")).ExitCode);

        LifecycleGoldenTests.Check("upgrade-in-flight.txt", await run.RunAsync("upgrade", "sc-hop", "--to", "azure-standalone-cp-1-0-45"));
        LifecycleGoldenTests.Check("scale-in-flight.txt", await run.RunAsync("scale", "sc-hop", "--workers", "4"));
        Assert.Equal("azure-standalone-cp-1-0-44", fixture.Get("sc-hop")["spec"]!["template"]!.GetValue<string>());
        Assert.DoesNotContain("cluster_upgrade", run.HistoryText("sc-hop"), StringComparison.Ordinal);

        var forced = await run.RunAsync("upgrade", "sc-hop", "--to", "azure-standalone-cp-1-0-45", "--force", "--reason", "hotfix");

        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Equal("azure-standalone-cp-1-0-45", fixture.Get("sc-hop")["spec"]!["template"]!.GetValue<string>());
        var upgraded = run.HistoryText("sc-hop").Split("  - timestamp:").Single(e => e.Contains("action: cluster_upgraded", StringComparison.Ordinal));
        Assert.Contains("forced: \"true\", forced_over: \"still has a change in flight (generation 2: spec changed (generation 2); k0rdent has observed only generation 1", upgraded, StringComparison.Ordinal);
        Assert.Contains("message: \"template azure-standalone-cp-1-0-44 → azure-standalone-cp-1-0-45 (forced)\"", upgraded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpgradeBatch_WhenOneClusterHasAChangeInFlight_FailsThatOneUntilForcedAndRecordsItForced()
    {
        Settled("sc-batch-a");
        Settled("sc-batch-b");
        Settled("sc-batch-c");
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("scale", "sc-batch-b", "--workers", "3")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("scale", "sc-batch-c", "--workers", "3")).ExitCode);

        LifecycleGoldenTests.Check("upgrade-batch-in-flight.txt", await run.RunAsync("upgrade", "sc-batch-a", "sc-batch-b", "--to", "azure-standalone-cp-1-0-45"));
        Assert.Equal("azure-standalone-cp-1-0-44", fixture.Get("sc-batch-b")["spec"]!["template"]!.GetValue<string>());
        Assert.DoesNotContain("cluster_upgraded", run.HistoryText("sc-batch-b"), StringComparison.Ordinal);

        LifecycleGoldenTests.Check("upgrade-batch-forced.txt",
            await run.RunAsync("upgrade", "sc-batch-b", "sc-batch-c", "--to", "azure-standalone-cp-1-0-45", "--force", "--reason", "hotfix"));
        Assert.Equal("azure-standalone-cp-1-0-45", fixture.Get("sc-batch-b")["spec"]!["template"]!.GetValue<string>());
        Assert.Equal("azure-standalone-cp-1-0-45", fixture.Get("sc-batch-c")["spec"]!["template"]!.GetValue<string>());
        var upgraded = run.HistoryText("sc-batch-b").Split("  - timestamp:").Single(e => e.Contains("action: cluster_upgraded", StringComparison.Ordinal));
        Assert.Contains("forced: \"true\", forced_over: \"still has a change in flight", upgraded, StringComparison.Ordinal);
        Assert.Contains("(forced)\"", upgraded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_WhenTheClusterIsFailed_AsksForForceSayingWhy()
    {
        fixture.Seed("sc-failed", "False", "Failed", DateTimeOffset.UtcNow);
        var run = fixture.NewRun();

        LifecycleGoldenTests.Check("scale-failed.txt", await run.RunAsync("scale", "sc-failed", "--workers", "3"));
        Assert.Equal(2, fixture.Get("sc-failed")["spec"]!["config"]!["workersNumber"]!.GetValue<int>());

        Assert.Equal(0, (await run.RunAsync("scale", "sc-failed", "--workers", "3", "--force")).ExitCode);
        Assert.Equal(3, fixture.Get("sc-failed")["spec"]!["config"]!["workersNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task Scale_WhenTheClusterIsADryRun_AsksForForce()
    {
        var cluster = Settled("sc-dry");
        cluster["spec"]!["dryRun"] = true;
        fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "test");
        fixture.SetStatus(fixture.Get("sc-dry"), "True", "Succeeded", DateTimeOffset.UtcNow, observedGeneration: 2);

        var result = await fixture.NewRun().RunAsync("scale", "sc-dry", "--workers", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a dry run (spec.dryRun: true): nothing is deployed, so there is nothing to scale", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_WhenTheControlPlaneCountIsEven_IsRefusedWithTheQuorumReasonUnlessForced()
    {
        Settled("sc-even");
        var run = fixture.NewRun();

        LifecycleGoldenTests.Check("scale-even.txt", await run.RunAsync("scale", "sc-even", "--control-planes", "2"));
        var forced = await run.RunAsync("scale", "sc-even", "--control-planes", "2", "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("forced_over: \"would get 2 control planes\"", run.HistoryText("sc-even"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("y\n")]
    [InlineData("Y\n")]
    [InlineData("YES\n")]
    public async Task Delete_WhenTheTypedAnswerIsNotExactlyYes_DeletesNothing(string answer)
    {
        var name = "sc-confirm-" + answer.Trim().ToLowerInvariant() + answer.Trim().Length + (answer.Trim() == "Y" ? "u" : string.Empty);
        Settled(name);
        var run = fixture.NewRun();

        var refused = await run.TypeAsync(answer, "delete", name);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("Type 'yes' to confirm", refused.Stderr, StringComparison.Ordinal);
        Assert.NotNull(fixture.Get(name));
        Assert.Equal(0, (await run.TypeAsync("yes\n", "delete", name)).ExitCode);
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, StillSandbox.Ns, name));
    }

    /// <summary>A Ready cluster whose template k0rdent lets move to 1-0-45, as its chain says.</summary>
    private JsonObject Settled(string name)
    {
        var cluster = fixture.Seed(name, "True", "Succeeded", DateTimeOffset.UtcNow);
        cluster["status"]!["availableUpgrades"] = new JsonArray("azure-standalone-cp-1-0-45");
        return fixture.Sandbox.Store.UpdateStatus(ResourceType.ClusterDeployment, cluster, "manager");
    }
}
