namespace Childctl.Cli.Tests.Lifecycle;

public sealed class ScaleUpgradeTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Scale_WhenTheCountsChange_PatchesWaitsAndRecordsBeforeAndAfter()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "s-one", "--region", "us-west-2", "--worker-number", "1", "--wait")).ExitCode);

        var result = await run.RunAsync("scale", "s-one", "--workers", "3", "--wait", "--reason", "more load");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("s-one scaled (workers 1 → 3, control planes 3 → 3)", result.Stdout, StringComparison.Ordinal);
        var history = run.HistoryText("s-one");
        Assert.Contains("action: cluster_scaled", history, StringComparison.Ordinal);
        Assert.Contains("workers_before: \"1\", workers_after: \"3\"", history, StringComparison.Ordinal);
        Assert.Contains(history.Split("  - timestamp:"), e => e.Contains("action: observed_ready", StringComparison.Ordinal)
            && e.Contains("generation: \"2\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scale_WhenTheCountIsTheSame_ChangesNothing()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "s-same", "--region", "us-west-2", "--worker-number", "2")).ExitCode);

        var result = await run.RunAsync("scale", "s-same", "--workers", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("unchanged", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("cluster_scaled", run.HistoryText("s-same"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_WhenAlongTheChain_MovesOneStepAtATime()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "azure", "u-one", "--location", "eastus", "--subscription-id", "s",
            "--template", "azure-standalone-cp-1-0-41", "--wait")).ExitCode);

        var list = await run.RunAsync("upgrade", "u-one", "--list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("azure-standalone-cp-1-0-44", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("azure-standalone-cp-1-0-45", list.Stdout, StringComparison.Ordinal);

        var skipping = await run.RunAsync("upgrade", "u-one", "--to", "azure-standalone-cp-1-0-45");
        Assert.Equal(2, skipping.ExitCode);
        Assert.Contains("allowed targets are azure-standalone-cp-1-0-44", skipping.Stderr, StringComparison.Ordinal);

        var upgraded = await run.RunAsync("upgrade", "u-one", "--to", "azure-standalone-cp-1-0-44", "--wait");
        Assert.True(upgraded.ExitCode == 0, upgraded.Stderr);
        Assert.Contains("upgraded (azure-standalone-cp-1-0-41 → azure-standalone-cp-1-0-44)", upgraded.Stdout, StringComparison.Ordinal);
        Assert.Contains("action: cluster_upgraded", run.HistoryText("u-one"), StringComparison.Ordinal);

        var next = await run.RunAsync("upgrade", "u-one", "--list");
        Assert.Contains("azure-standalone-cp-1-0-45", next.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_WhenTheTemplateIsOfAnotherChart_IsRefused()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "azure", "u-two", "--location", "eastus", "--subscription-id", "s",
            "--template", "azure-standalone-cp-1-0-44")).ExitCode);

        var refused = await run.RunAsync("upgrade", "u-two", "--to", "aws-standalone-cp-1-0-43");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("allowed targets are azure-standalone-cp-1-0-45", refused.Stderr, StringComparison.Ordinal);
    }
}
