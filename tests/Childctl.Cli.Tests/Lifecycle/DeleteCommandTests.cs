using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

public sealed class DeleteCommandTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Delete_WhenThereIsNoTerminalNorYes_RefusesAndDeletesNothing()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "d-refuse", "--region", "us-west-2")).ExitCode);

        var result = await run.RunAsync("delete", "d-refuse");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pass --yes", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("d-refuse", result.Stdout, StringComparison.Ordinal);
        Assert.Null(Get("d-refuse")?["metadata"]?["deletionTimestamp"]);
    }

    [Fact]
    public async Task Delete_WhenDryRun_ShowsThePlanAndStops()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "d-plan", "--region", "us-west-2", "--cluster-labels", "team=plan")).ExitCode);

        var result = await run.RunAsync("delete", "-l", "team=plan", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        var header = result.Stdout.Split('\n')[0];
        Assert.Equal(["NAMESPACE", "NAME", "UID", "PHASE", "PROVIDER", "REGION", "AGE"], header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("us-west-2", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Dry run: nothing was deleted.", result.Stderr, StringComparison.Ordinal);
        Assert.Null(Get("d-plan")!["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Delete_WhenOnATerminal_AsksForTheCountAndDeletesWhenItIsTyped()
    {
        var run = fixture.NewRun();
        foreach (var name in new[] { "d-ask-1", "d-ask-2" })
        {
            Assert.Equal(0, (await run.RunAsync("create", "gcp", name, "--region", "europe-west1", "--project", "p", "--cluster-labels", "team=ask")).ExitCode);
        }

        var wrong = await run.TypeAsync("yes\n", "delete", "-l", "team=ask");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("Type the number of clusters (2)", wrong.Stderr, StringComparison.Ordinal);
        Assert.Null(Get("d-ask-1")!["metadata"]!["deletionTimestamp"]);

        var result = await run.TypeAsync("2\n", "delete", "-l", "team=ask", "--wait", "--reason", "cleanup");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("d-ask-1 (kcm-system) deleted", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[2/2]", result.Stderr, StringComparison.Ordinal);
        Assert.Null(Get("d-ask-1"));
        var history = run.HistoryText("d-ask-2");
        Assert.Contains("action: cluster_deleted", history, StringComparison.Ordinal);
        Assert.Contains("action: observed_deleted", history, StringComparison.Ordinal);
        Assert.Contains("reason: cleanup", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WhenOneOfSeveralNamesIsMissing_DeletesTheRestAndExits8()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "d-bulk", "--region", "us-west-2")).ExitCode);

        var result = await run.RunAsync("delete", "d-bulk", "d-missing", "--yes");

        Assert.Equal(8, result.ExitCode);
        Assert.Contains("\"d-missing\" not found", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("d-bulk (kcm-system) deleted", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WhenTheOneNameIsMissing_IsNotFound()
    {
        var result = await fixture.NewRun().RunAsync("delete", "d-nothing", "--yes");

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Delete_WhenFilteredByProvider_TakesOnlyThatCloud()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "azure", "d-prov-az", "--location", "westus", "--subscription-id", "s", "--cluster-labels", "team=prov")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("create", "aws", "d-prov-aws", "--region", "us-west-2", "--cluster-labels", "team=prov")).ExitCode);

        var result = await run.RunAsync("delete", "-l", "team=prov", "--provider", "azure", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("d-prov-az", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("d-prov-aws", result.Stdout, StringComparison.Ordinal);
        Assert.Null(Get("d-prov-aws")!["metadata"]!["deletionTimestamp"]);
    }

    private System.Text.Json.Nodes.JsonObject? Get(string name) => fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", name);
}

public sealed class DeleteAlreadyDeletingTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Delete_WhenAlreadyBeingDeleted_SendsAndRecordsNothingExit0()
    {
        var run = fixture.NewRun();
        var file = Path.Combine(run.Home, "hang.yaml");
        await File.WriteAllTextAsync(file, WaitCommandTests.Manifest("dd-hang", ("fail-at", "deletion")));
        Assert.Equal(0, (await run.RunAsync("create", "-f", file, "--wait")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("delete", "dd-hang", "--yes")).ExitCode);
        var before = StampedOperation();

        var again = await run.RunAsync("delete", "dd-hang", "--yes");

        Assert.Equal(0, again.ExitCode);
        Assert.Matches(@"clusterdeployment\.k0rdent\.mirantis\.com/dd-hang \(kcm-system\) already being deleted \(requested \d+\S* ago\); nothing sent", again.Stdout);
        var history = run.HistoryText("dd-hang");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(history, "action: cluster_deleted"));
        Assert.Equal(before, StampedOperation()); // not stamped again: no write reached the object
    }

    private string StampedOperation() =>
        fixture.Sandbox.Store.Get(Childctl.Sandbox.Storage.ResourceType.ClusterDeployment, "kcm-system", "dd-hang")!["metadata"]!["annotations"]!["childctl.dev/operation"]!.GetValue<string>();
}
