using Childctl.Core.Operations.Delete;
using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>What happens between plan and delete, made exact with the controller off.</summary>
public sealed class DeletePreconditionTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UtcNow.AddDays(-1);

    [Fact]
    public async Task Execute_RefusesAClusterRecreatedSinceThePlan_AndDeletesTheOthers()
    {
        using var core = new CoreServices(fixture);
        fixture.Seed("pc-recreated", "True", "Succeeded", LongAgo);
        fixture.Seed("pc-kept", "True", "Succeeded", LongAgo);
        var service = new DeleteClustersService(core.Api, core.Recorder, TimeProvider.System);
        var plan = await service.PlanAsync(Names("pc-recreated", "pc-kept"), CancellationToken.None);

        fixture.Sandbox.Store.Delete(ResourceType.ClusterDeployment, StillSandbox.Ns, "pc-recreated");
        fixture.Seed("pc-recreated", "False", "Progressing", DateTimeOffset.UtcNow);
        var results = await service.ExecuteAsync(plan, null, CancellationToken.None);

        Assert.Equal(DeleteOutcome.Refused, results.Single(r => r.Item.Name == "pc-recreated").Outcome);
        Assert.Contains("recreated", results.Single(r => r.Item.Name == "pc-recreated").Message, StringComparison.Ordinal);
        Assert.Null(fixture.Get("pc-recreated")["metadata"]!["deletionTimestamp"]);
        Assert.Equal(DeleteOutcome.Deleted, results.Single(r => r.Item.Name == "pc-kept").Outcome);
    }

    [Fact]
    public async Task Execute_RefusesAClusterWhoseSpecChangedSinceThePlan()
    {
        using var core = new CoreServices(fixture);
        var cluster = fixture.Seed("pc-changed", "True", "Succeeded", LongAgo);
        var service = new DeleteClustersService(core.Api, core.Recorder, TimeProvider.System);
        var plan = await service.PlanAsync(Names("pc-changed"), CancellationToken.None);

        cluster["spec"]!["config"]!["workersNumber"] = 9;
        fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "kubectl-edit");
        var results = await service.ExecuteAsync(plan, null, CancellationToken.None);

        Assert.Equal(DeleteOutcome.Refused, results[0].Outcome);
        Assert.Contains("spec changed (generation 2, planned 1)", results[0].Message, StringComparison.Ordinal);
        Assert.Null(fixture.Get("pc-changed")["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Execute_DeletesAClusterWhoseOnlyChangeIsAStatusWrite()
    {
        using var core = new CoreServices(fixture);
        var cluster = fixture.Seed("pc-status", "False", "Progressing", LongAgo);
        var service = new DeleteClustersService(core.Api, core.Recorder, TimeProvider.System);
        var plan = await service.PlanAsync(Names("pc-status"), CancellationToken.None);

        fixture.SetStatus(cluster, "True", "Succeeded", DateTimeOffset.UtcNow, 1);
        var results = await service.ExecuteAsync(plan, null, CancellationToken.None);

        Assert.Equal(DeleteOutcome.Deleted, results[0].Outcome);
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, StillSandbox.Ns, "pc-status"));
    }

    private static DeleteSelection Names(params string[] names) => new() { Names = names, Namespace = StillSandbox.Ns };
}
