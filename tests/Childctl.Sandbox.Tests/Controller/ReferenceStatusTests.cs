using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Controller;

public class ReferenceStatusTests
{
    [Fact]
    public async Task StockTemplate_LeavesK8sVersionOut()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("dev1"));

        Assert.Null(world.Cluster("dev1")["status"]!["k8sVersion"]);
    }

    [Fact]
    public async Task TemplateWithK8sVersion_IsCopiedIntoTheStatus()
    {
        await using var world = await World.StartAsync();
        world.Store.Create(ResourceType.ClusterTemplate, Templates.Template("azure-pinned-1-0-0", "azure-standalone-cp", "1.0.45", k8sVersion: "v1.36.3"), "test");
        await world.Running.WhenIdleAsync();

        await world.CreateAsync(Clusters.Azure("pinned", template: "azure-pinned-1-0-0"));

        Assert.Equal("v1.36.3", world.Cluster("pinned")["status"]!["k8sVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task CredentialWithoutRegion_LeavesRegionAndPausedOut()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("dev1"));

        Assert.Null(world.Cluster("dev1")["status"]!["region"]);
        Assert.Null(world.Cluster("dev1").Condition("Paused"));
    }

    [Fact]
    public async Task RegionalCredential_SetsRegion_AndNotPaused()
    {
        await using var world = await World.StartAsync();
        world.Store.Create(ResourceType.Credential, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "regional", ["namespace"] = "kcm-system" },
            ["spec"] = new JsonObject
            {
                ["region"] = "eu-mgmt",
                ["identityRef"] = new JsonObject { ["apiVersion"] = "infrastructure.cluster.x-k8s.io/v1beta1", ["kind"] = "AzureClusterIdentity", ["name"] = "x", ["namespace"] = "kcm-system" },
            },
        }, "test");
        await world.Running.WhenIdleAsync();

        await world.CreateAsync(Clusters.Azure("eu").With(c => c.Spec()["credential"] = "regional"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));

        var cluster = world.Cluster("eu");
        Assert.Equal("eu-mgmt", cluster["status"]!["region"]!.GetValue<string>());
        Assert.Equal("False/NotPaused", cluster.State("Paused"));
        Assert.Equal("True/Succeeded", cluster.State("Ready"));
    }
}
