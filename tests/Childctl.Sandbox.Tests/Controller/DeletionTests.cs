namespace Childctl.Sandbox.Tests.Controller;

public class DeletionTests
{
    private static async Task<World> ReadyWorldAsync(string name = "dev1")
    {
        var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure(name, workers: 2));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));
        return world;
    }

    [Fact]
    public async Task Delete_ShowsDeletingCondition_AndReadyFalseDeleting()
    {
        await using var world = await ReadyWorldAsync();

        await world.DeleteAsync("dev1");

        var cluster = world.Cluster("dev1");
        Assert.NotNull(cluster["metadata"]!["deletionTimestamp"]);
        Assert.Equal(2, cluster.Generation());
        Assert.Equal(2, cluster.ObservedGeneration());
        Assert.Equal("True/WaitingForClusterDeletion", cluster.State("Deleting"));
        Assert.Equal("False/Deleting", cluster.State("Ready"));
        Assert.Equal("True/Deleting", cluster.State("CAPIClusterSummary"));
        Assert.Equal(1, cluster.Condition("TemplateReady")!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(2, cluster.Condition("Deleting")!["observedGeneration"]!.GetValue<long>());
    }

    [Fact]
    public async Task Delete_ThenCapiRemovesWorkers_WithTheirNamesInTheMessages()
    {
        await using var world = await ReadyWorldAsync();
        await world.DeleteAsync("dev1");

        await world.AdvanceAsync(TimeSpan.FromSeconds(15));

        var cluster = world.Cluster("dev1");
        Assert.Equal("False/Deleting", cluster.State("CAPIClusterSummary"));
        Assert.Matches(@"^\* Deleting:\n  \* MachineDeployments: dev1-md\n  \* MachineSets: dev1-md-\w{5}\n  \* Worker Machines: dev1-md-\w{5}-\w{5}, dev1-md-\w{5}-\w{5}$", cluster.Message("CAPIClusterSummary"));
        Assert.Equal(cluster.Message("CAPIClusterSummary"), cluster.Message("Deleting"));
        Assert.Equal(cluster.Message("CAPIClusterSummary"), cluster.Message("Ready"));
    }

    [Fact]
    public async Task Delete_Completes_RemovingSecretAndFinalizer_WithEvents()
    {
        await using var world = await ReadyWorldAsync();
        var uid = world.Cluster("dev1")["metadata"]!["uid"]!.GetValue<string>();
        await world.DeleteAsync("dev1");

        await world.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.NotNull(world.Get("dev1"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(4));

        Assert.Null(world.Get("dev1"));
        Assert.Null(world.KubeconfigSecret("dev1"));
        var reasons = world.Events("dev1").Select(e => e.Reason()).ToList();
        Assert.Equal(["HelmReleaseDeleted", "CAPIClusterIsDeleting", "ClusterDeleted", "SuccessfulDelete"], reasons.SkipWhile(r => r != "HelmReleaseDeleted"));
        Assert.All(world.Events("dev1"), e => Assert.Equal(uid, e["involvedObject"]!["uid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Delete_TakesThreeToFiveSimulatedMinutes()
    {
        await using var world = await ReadyWorldAsync();
        await world.DeleteAsync("dev1");

        await world.AdvanceInStepsAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30));
        Assert.NotNull(world.Get("dev1"));

        await world.AdvanceInStepsAsync(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30));
        Assert.Null(world.Get("dev1"));
    }

    [Fact]
    public async Task DeletingANeverDeployedCluster_IsImmediate()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dry").With(c => c.Spec()["dryRun"] = true));

        await world.DeleteAsync("dry");

        Assert.Null(world.Get("dry"));
        Assert.Equal("SuccessfulDelete", world.Events("dry")[^1].Reason());
    }

    [Fact]
    public async Task HungDeletion_StaysWithTheCloudError_UntilTheAnnotationGoes()
    {
        await using var world = await ReadyWorldAsync();
        await world.UpdateAsync("dev1", c => c.Annotate("sandbox.childctl.dev/fail-at", "deletion"));
        await world.DeleteAsync("dev1");

        await world.AdvanceInStepsAsync(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));

        var stuck = world.Cluster("dev1");
        Assert.Equal("True/WaitingForClusterDeletion", stuck.State("Deleting"));
        Assert.StartsWith("* Deleting:\n  * AzureCluster dev1: failed to delete resource group dev1: ScopeLocked", stuck.Message("Deleting"), StringComparison.Ordinal);

        await world.UpdateAsync("dev1", c => c["metadata"]!["annotations"]!.AsObject().Remove("sandbox.childctl.dev/fail-at"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Null(world.Get("dev1"));
    }

    [Fact]
    public async Task Recreated_UnderTheSameName_IsANewIncarnation()
    {
        await using var world = await ReadyWorldAsync();
        var firstUid = world.Cluster("dev1")["metadata"]!["uid"]!.GetValue<string>();
        await world.DeleteAsync("dev1");
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));

        await world.CreateAsync(Clusters.Azure("dev1"));

        var again = world.Cluster("dev1");
        Assert.NotEqual(firstUid, again["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("Unknown/Progressing", again.State("HelmReleaseReady"));
    }
}
