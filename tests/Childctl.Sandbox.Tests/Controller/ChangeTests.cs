namespace Childctl.Sandbox.Tests.Controller;

public class ChangeTests
{
    private static async Task<World> ReadyWorldAsync()
    {
        var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dev1", workers: 1, template: "azure-standalone-cp-1-0-44"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));
        return world;
    }

    [Fact]
    public async Task OlderTemplate_OffersNewerOnes_AsAvailableUpgrades()
    {
        await using var world = await ReadyWorldAsync();

        var upgrades = world.Cluster("dev1")["status"]!["availableUpgrades"]!.AsArray().Select(u => u!.GetValue<string>());

        Assert.Equal(["azure-standalone-cp-1-0-45"], upgrades);
    }

    [Fact]
    public async Task NewestTemplate_HasNoAvailableUpgrades()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("new"));

        Assert.Null(world.Cluster("new")["status"]!["availableUpgrades"]);
    }

    [Fact]
    public async Task ScaleWorkers_GoesThroughAShortProvisioning_AndIsReadyAgain()
    {
        await using var world = await ReadyWorldAsync();

        await world.UpdateAsync("dev1", c => c.Config()["workersNumber"] = 3);

        var scaling = world.Cluster("dev1");
        Assert.Equal(2, scaling.Generation());
        Assert.Equal(2, scaling.ObservedGeneration());
        Assert.Equal("Unknown/Progressing", scaling.State("HelmReleaseReady"));
        Assert.Equal("Running 'upgrade' action with timeout of 10m0s", scaling.Message("HelmReleaseReady"));

        await world.AdvanceAsync(TimeSpan.FromSeconds(15));
        var workers = world.Cluster("dev1");
        Assert.Equal("True/UpgradeSucceeded", workers.State("HelmReleaseReady"));
        Assert.Equal("Helm upgrade succeeded for release kcm-system/dev1.v2 with chart azure-standalone-cp@1.0.44", workers.Message("HelmReleaseReady"));
        Assert.StartsWith("* WorkersAvailable:\n  * MachineDeployment dev1-md: 1 available replicas, at least 3 required", workers.Message("CAPIClusterSummary"), StringComparison.Ordinal);
        Assert.Equal("False/Progressing", workers.State("Ready"));

        await world.AdvanceAsync(TimeSpan.FromMinutes(3));
        var ready = world.Cluster("dev1");
        Assert.Equal("True/Succeeded", ready.State("Ready"));
        Assert.Equal(2, ready.Condition("Ready")!["observedGeneration"]!.GetValue<long>());
    }

    [Fact]
    public async Task Upgrade_RollsControlPlaneAndWorkers_ThenIsReadyOnTheNewTemplate()
    {
        await using var world = await ReadyWorldAsync();

        await world.UpdateAsync("dev1", c => c.Spec()["template"] = "azure-standalone-cp-1-0-45");
        await world.AdvanceAsync(TimeSpan.FromSeconds(15));

        var rolling = world.Cluster("dev1");
        Assert.StartsWith("* ControlPlaneMachinesReady:\n  * Machine dev1-cp-0: Deleting", rolling.Message("CAPIClusterSummary"), StringComparison.Ordinal);
        Assert.Null(rolling["status"]!["availableUpgrades"]);

        await world.AdvanceAsync(TimeSpan.FromMinutes(6));
        var ready = world.Cluster("dev1");
        Assert.Equal("True/Succeeded", ready.State("Ready"));
        Assert.Equal("Helm upgrade succeeded for release kcm-system/dev1.v2 with chart azure-standalone-cp@1.0.45", ready.Message("HelmReleaseReady"));
        Assert.Equal(2, ready.ObservedGeneration());
    }

    [Fact]
    public async Task LabelChange_DoesNotStartAChange()
    {
        await using var world = await ReadyWorldAsync();

        await world.UpdateAsync("dev1", c => c["metadata"]!["labels"]!["owner"] = "me");

        var cluster = world.Cluster("dev1");
        Assert.Equal(1, cluster.Generation());
        Assert.Equal("True/Succeeded", cluster.State("Ready"));
    }

    [Fact]
    public async Task DeletingTheCredentialLater_FailsTheCluster()
    {
        await using var world = await ReadyWorldAsync();

        world.Store.Delete(Childctl.Sandbox.Storage.ResourceType.Credential, "kcm-system", "azure-cluster-identity-cred");
        await world.Running.WhenIdleAsync();

        var cluster = world.Cluster("dev1");
        Assert.Equal("False/Failed", cluster.State("CredentialReady"));
        Assert.Equal("False/Failed", cluster.State("Ready"));
    }
}
