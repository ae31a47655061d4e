using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Controller;

public class ChainControllerTests
{
    private const string Azure41 = "azure-standalone-cp-1-0-41";
    private const string Azure44 = "azure-standalone-cp-1-0-44";
    private const string Azure45 = "azure-standalone-cp-1-0-45";

    [Fact]
    public async Task OldestTemplate_OffersOnlyTheNextStep_OfTheSeededChain()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("old", template: Azure41));

        Assert.Equal([Azure44], world.Cluster("old").Upgrades());
    }

    [Fact]
    public async Task AppliedChain_AddsItsUpgrades_ToExistingClusters()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("old", template: Azure41));

        world.Store.Create(ResourceType.ClusterTemplateChain, Chains.Chain("azure-fast-track", (Azure41, [Azure45]), (Azure45, [])), "test");
        await world.Running.WhenIdleAsync();

        Assert.Equal([Azure44, Azure45], world.Cluster("old").Upgrades());
    }

    [Fact]
    public async Task DeletedChain_TakesItsUpgradesAway()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("mid", template: Azure44));
        Assert.Equal([Azure45], world.Cluster("mid").Upgrades());

        world.Store.Delete(ResourceType.ClusterTemplateChain, "kcm-system", "azure-standalone-cp");
        await world.Running.WhenIdleAsync();

        Assert.Null(world.Cluster("mid").Upgrades());
    }

    [Fact]
    public async Task ChangedChain_ChangesTheUpgrades()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("old", template: Azure41));

        var chain = world.Store.Get(ResourceType.ClusterTemplateChain, "kcm-system", "azure-standalone-cp")!;
        chain["spec"] = Chains.Chain("azure-standalone-cp", (Azure41, [Azure45]), (Azure45, []))["spec"]!.DeepClone();
        world.Store.Update(ResourceType.ClusterTemplateChain, chain, "test");
        await world.Running.WhenIdleAsync();

        Assert.Equal([Azure45], world.Cluster("old").Upgrades());
    }

    [Fact]
    public async Task AppliedChain_IsLabelledAndValid()
    {
        await using var world = await World.StartAsync();

        world.Store.Create(ResourceType.ClusterTemplateChain, Chains.Chain("azure-fast-track", (Azure41, [Azure45]), (Azure45, [])), "test");
        await world.Running.WhenIdleAsync();

        var chain = world.Store.Get(ResourceType.ClusterTemplateChain, "kcm-system", "azure-fast-track")!;
        Assert.Equal("kcm", chain["metadata"]!["labels"]!["k0rdent.mirantis.com/component"]!.GetValue<string>());
        Assert.True(chain["status"]!["valid"]!.GetValue<bool>());
        Assert.Null(chain["status"]!["validationError"]);
    }

    [Fact]
    public async Task ChainWithATargetItDoesNotSupport_IsInvalid_ButStillCounts()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("old", template: Azure41));

        world.Store.Create(ResourceType.ClusterTemplateChain, Chains.Chain("azure-sloppy", (Azure41, [Azure45])), "test");
        await world.Running.WhenIdleAsync();

        var status = world.Store.Get(ResourceType.ClusterTemplateChain, "kcm-system", "azure-sloppy")!["status"]!;
        Assert.False(status["valid"]!.GetValue<bool>());
        Assert.Equal(
            "template azure-standalone-cp-1-0-45 is allowed for upgrade but is not present in the list of '.spec.supportedTemplates'",
            status["validationError"]!.GetValue<string>());
        Assert.Equal([Azure44, Azure45], world.Cluster("old").Upgrades());
    }

    [Fact]
    public async Task ChainInAnotherNamespace_DoesNotCount()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("old", template: Azure41));
        world.Store.Create(ResourceType.Namespace, new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "team-x" } }, "test");

        var chain = Chains.Chain("azure-fast-track", (Azure41, [Azure45]), (Azure45, []));
        chain["metadata"]!["namespace"] = "team-x";
        world.Store.Create(ResourceType.ClusterTemplateChain, chain, "test");
        await world.Running.WhenIdleAsync();

        Assert.Equal([Azure44], world.Cluster("old").Upgrades());
    }
}
