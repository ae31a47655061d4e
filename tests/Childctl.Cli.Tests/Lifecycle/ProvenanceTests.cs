using System.Text.RegularExpressions;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

public sealed partial class ProvenanceTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Change_WhenMade_StampsTheObjectWithTheOperationIdOfItsHistoryEvent()
    {
        var run = fixture.NewRun();

        Assert.Equal(0, (await run.RunAsync("create", "aws", "p-one", "--region", "us-west-2", "--reason", "ticket 42", "--wait")).ExitCode);
        AssertStamp(run, Live("p-one"), "create", "cluster_created", "ticket 42");

        Assert.Equal(0, (await run.RunAsync("scale", "p-one", "--workers", "4")).ExitCode);
        AssertStamp(run, Live("p-one"), "scale", "cluster_scaled", reason: null);

        Assert.Equal(0, (await run.RunAsync("delete", "p-one", "--yes")).ExitCode);
        // The controller may already have removed the finalizer; the stamp is checked on the object while it is still there.
        if (fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "p-one") is { } deleting)
        {
            AssertStamp(run, deleting, "delete", "cluster_deleted", reason: null);
        }
    }

    [Fact]
    public async Task Change_WhenTheReasonHoldsASecret_RedactsItOnTheObjectAsInHistory()
    {
        var run = fixture.NewRun();
        const string Token = "ghp_0123456789abcdefABCDEF0123456789abcdef";

        var result = await run.RunAsync("create", "aws", "p-secret", "--region", "us-west-2", "--reason", $"rotated, token={Token} password=hunter2");

        Assert.Equal(0, result.ExitCode);
        var reason = fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "p-secret")!["metadata"]!["annotations"]!["childctl.dev/reason"]!.GetValue<string>();
        Assert.StartsWith("rotated, ", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", reason, StringComparison.Ordinal);
        Assert.Contains("<redacted>", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.HistoryText("p-secret"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_WhenWritten_UsesTheChildctlFieldManager()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "p-fm", "--region", "us-west-2")).ExitCode);

        var obj = fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "p-fm")!;

        Assert.Contains(obj["metadata"]!["managedFields"]!.AsArray(), m => m!["manager"]!.GetValue<string>() == "childctl");
    }

    private System.Text.Json.Nodes.JsonObject Live(string name) => fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", name)!;

    private static void AssertStamp(TestCli run, System.Text.Json.Nodes.JsonObject live, string action, string historyAction, string? reason)
    {
        var name = live["metadata"]!["name"]!.GetValue<string>();
        var annotations = live["metadata"]!["annotations"]!;
        var operation = annotations["childctl.dev/operation"]!.GetValue<string>();
        Assert.Equal(TestCli.DefaultUser, annotations["childctl.dev/operator"]!.GetValue<string>());
        Assert.Equal(action, annotations["childctl.dev/action"]!.GetValue<string>());
        Assert.Equal(reason, annotations["childctl.dev/reason"]?.GetValue<string>());
        var events = EventBlock().Matches(run.HistoryText(name)).Select(m => m.Value).ToList();
        var recorded = events.Single(e => e.Contains($"action: {historyAction}", StringComparison.Ordinal));
        Assert.Contains($"operation: {operation}", recorded, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"  - timestamp:(?:(?!\n  - ).)*", RegexOptions.Singleline)]
    private static partial Regex EventBlock();
}
