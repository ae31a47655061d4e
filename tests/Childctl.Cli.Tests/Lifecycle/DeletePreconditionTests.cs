using Childctl.Core;
using Childctl.Core.Operations.Delete;
using Childctl.History.Store;
using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// What happens between plan and delete, made exact with the controller off: the world changes while the delete
/// workflow shows its plan, before it confirms and deletes.
/// </summary>
public sealed class DeletePreconditionTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UtcNow.AddDays(-1);

    [Fact]
    public async Task RunAsync_WhenAClusterIsRecreatedSinceThePlan_RefusesItAndDeletesTheOthers()
    {
        fixture.Seed("pc-recreated", "True", "Succeeded", LongAgo);
        fixture.Seed("pc-kept", "True", "Succeeded", LongAgo);

        var results = await DeleteAsync(["pc-recreated", "pc-kept"], () =>
        {
            fixture.Sandbox.Store.Delete(ResourceType.ClusterDeployment, StillSandbox.Ns, "pc-recreated");
            fixture.Seed("pc-recreated", "False", "Progressing", DateTimeOffset.UtcNow);
        });

        Assert.Equal(DeleteOutcome.Refused, results.Single(r => r.Item.Name == "pc-recreated").Outcome);
        Assert.Contains("recreated", results.Single(r => r.Item.Name == "pc-recreated").Message, StringComparison.Ordinal);
        Assert.Null(fixture.Get("pc-recreated")["metadata"]!["deletionTimestamp"]);
        Assert.Equal(DeleteOutcome.Deleted, results.Single(r => r.Item.Name == "pc-kept").Outcome);
    }

    [Fact]
    public async Task RunAsync_WhenTheSpecChangedSinceThePlan_RefusesIt()
    {
        var cluster = fixture.Seed("pc-changed", "True", "Succeeded", LongAgo);

        var error = await Assert.ThrowsAsync<Core.Errors.ChildctlException>(() => DeleteAsync(["pc-changed"], () =>
        {
            cluster["spec"]!["config"]!["workersNumber"] = 9;
            fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "kubectl-edit");
        }));

        Assert.Contains("spec changed (generation 2, planned 1)", error.Message, StringComparison.Ordinal);
        Assert.Null(fixture.Get("pc-changed")["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task RunAsync_WhenOnlyTheStatusChangedSinceThePlan_DeletesIt()
    {
        var cluster = fixture.Seed("pc-status", "False", "Progressing", LongAgo);

        var results = await DeleteAsync(["pc-status"], () => fixture.SetStatus(cluster, "True", "Succeeded", DateTimeOffset.UtcNow, 1));

        Assert.Equal(DeleteOutcome.Deleted, results[0].Outcome);
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, StillSandbox.Ns, "pc-status"));
    }

    [Fact]
    public async Task RunAsync_WhenOnlyTheControllersLabelWasAddedSinceThePlan_DeletesIt()
    {
        var cluster = fixture.Seed("pc-component", "True", "Succeeded", LongAgo);

        var results = await DeleteAsync(["pc-component"], () =>
        {
            cluster["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["k0rdent.mirantis.com/component"] = "kcm" };
            fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "kcm-controller");
        });

        Assert.Equal(DeleteOutcome.Deleted, results[0].Outcome);
    }

    [Fact]
    public async Task RunAsync_WhenAnOperatorsLabelChangedSinceThePlan_RefusesIt()
    {
        var cluster = fixture.Seed("pc-relabelled", "True", "Succeeded", LongAgo);

        var error = await Assert.ThrowsAsync<Core.Errors.ChildctlException>(() => DeleteAsync(["pc-relabelled"], () =>
        {
            cluster["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["team"] = "blue" };
            fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "kubectl-label");
        }));

        Assert.Contains("labels changed", error.Message, StringComparison.Ordinal);
        Assert.Null(fixture.Get("pc-relabelled")["metadata"]!["deletionTimestamp"]);
    }

    private async Task<IReadOnlyList<DeleteItemResult>> DeleteAsync(string[] names, Action afterPlan)
    {
        var options = new SessionOptions { KubeconfigPath = fixture.KubeconfigPath, HistoryDirectory = "unused", User = "tester" };
        using var session = new Session(options, new InMemoryHistoryStore());
        var interaction = new Interaction(afterPlan);
        await new DeleteClustersService(session).RunAsync(new DeleteRequest { Names = names, Yes = true }, interaction, CancellationToken.None);
        return interaction.Results;
    }

    /// <summary>Changes the world once the plan is made, and keeps each result.</summary>
    private sealed class Interaction(Action afterPlan) : IDeleteInteraction
    {
        public List<DeleteItemResult> Results { get; } = [];

        public bool CanAsk => false;

        public void OnPlan(DeletePlan plan) => afterPlan();

        public Task<string?> AskAsync(string question, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public void OnStoppedAfterPlan(DeletePlan plan)
        {
        }

        public void OnResult(DeleteItemResult result) => Results.Add(result);

        public void OnGone(DeletePlanItem item, int goneCount, int total)
        {
        }

        public void OnAllGone(int count)
        {
        }
    }
}
