using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Controller;

public class TemplateControllerTests
{
    [Fact]
    public async Task TemplateOfAKnownChart_IsMadeValid_WithTheStockStatus()
    {
        await using var world = await World.StartAsync();

        world.Store.Create(ResourceType.ClusterTemplate, Templates.Template("aws-standalone-cp-1-0-44", "aws-standalone-cp", "1.0.44"), "test");
        await world.Running.WhenIdleAsync();

        var status = world.Store.Get(ResourceType.ClusterTemplate, "kcm-system", "aws-standalone-cp-1-0-44")!["status"]!;
        Assert.True(status["valid"]!.GetValue<bool>());
        Assert.Equal("1.0.44", status["chartVersion"]!.GetValue<string>());
        Assert.Equal("aws-standalone-cp-1-0-44", status["chartRef"]!["name"]!.GetValue<string>());
        Assert.Contains("infrastructure-aws", status["providers"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task NewerTemplate_IsNoUpgrade_UntilAChainListsIt()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Aws("dev1"));

        world.Store.Create(ResourceType.ClusterTemplate, Templates.Template("aws-standalone-cp-1-0-44", "aws-standalone-cp", "1.0.44"), "test");
        await world.Running.WhenIdleAsync();
        Assert.Null(world.Cluster("dev1").Upgrades());

        world.Store.Create(
            ResourceType.ClusterTemplateChain,
            Chains.Chain("aws-next", ("aws-standalone-cp-1-0-43", ["aws-standalone-cp-1-0-44"]), ("aws-standalone-cp-1-0-44", [])),
            "test");
        await world.Running.WhenIdleAsync();
        Assert.Equal(["aws-standalone-cp-1-0-44"], world.Cluster("dev1").Upgrades());
    }

    [Fact]
    public async Task TemplateOfAnUnknownChart_IsInvalid()
    {
        await using var world = await World.StartAsync();

        world.Store.Create(ResourceType.ClusterTemplate, Templates.Template("vsphere-standalone-cp-1-0-1", "vsphere-standalone-cp", "1.0.1"), "test");
        await world.Running.WhenIdleAsync();

        var status = world.Store.Get(ResourceType.ClusterTemplate, "kcm-system", "vsphere-standalone-cp-1-0-1")!["status"]!;
        Assert.False(status["valid"]!.GetValue<bool>());
        Assert.Equal(
            "failed to get HelmChart kcm-system/vsphere-standalone-cp-1-0-1: chart pull error: no 'vsphere-standalone-cp' chart with version matching '1.0.1' found",
            status["validationError"]!.GetValue<string>());
    }
}
