using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Controller;

/// <summary>
/// Deleting a namespace that holds ClusterDeployments: the apiserver refuses every new Event there (403, the
/// namespace is terminating), and the controller must go on as client-go's recorder does, so the finalizers go
/// and the namespace with them.
/// </summary>
public sealed class NamespaceDeletionTests
{
    private const string Ns = "team-x";

    [Fact]
    public async Task DeletingANamespace_WithADeployedCluster_RemovesTheClusterAndTheNamespace()
    {
        await using var world = await WorldWithNamespaceAsync();
        await world.CreateAsync(Clusters.Azure("x1", ns: Ns));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal("True", world.Cluster("x1", Ns).Status("Ready"));

        world.Store.Delete(ResourceType.Namespace, null, Ns);
        await world.AdvanceInStepsAsync(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(10));

        Assert.Null(world.Get("x1", Ns));
        Assert.Null(world.Store.Get(ResourceType.Namespace, null, Ns));
    }

    [Fact]
    public async Task DeletingANamespace_WithAClusterNeverDeployed_RemovesItAtOnce()
    {
        await using var world = await WorldWithNamespaceAsync();
        await world.CreateAsync(Clusters.Azure("dry", ns: Ns).With(c => c.Spec()["dryRun"] = true));
        Assert.Contains(world.Events("dry", Ns), e => e.Reason() == "DryRunEnabled");

        world.Store.Delete(ResourceType.Namespace, null, Ns);
        await world.Running.WhenIdleAsync();

        Assert.Null(world.Get("dry", Ns));
        Assert.Null(world.Store.Get(ResourceType.Namespace, null, Ns));
    }

    /// <summary>A namespace with a stock template and a ready Credential, as access management would copy them.</summary>
    private static async Task<World> WorldWithNamespaceAsync()
    {
        var world = await World.StartAsync();
        world.Store.Create(ResourceType.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = Ns } }, "test");
        await CopyFromKcmSystemAsync(world, ResourceType.ClusterTemplate, "azure-standalone-cp-1-0-45");
        await CopyFromKcmSystemAsync(world, ResourceType.Credential, "azure-cluster-identity-cred");
        await world.Running.WhenIdleAsync();
        return world;
    }

    private static async Task CopyFromKcmSystemAsync(World world, ResourceType type, string name)
    {
        var store = world.Store;
        var source = store.Get(type, "kcm-system", name)!;
        var copy = new JsonObject
        {
            ["apiVersion"] = source["apiVersion"]!.DeepClone(),
            ["kind"] = source["kind"]!.DeepClone(),
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = source["spec"]!.DeepClone(),
        };
        store.Create(type, copy, "test");

        // The controller reconciles the new object on its own thread and may write its status: let it, then write over
        // the version it left, rather than race it with the version the create returned.
        await world.Running.WhenIdleAsync();
        var current = store.Get(type, Ns, name)!;
        current["status"] = source["status"]!.DeepClone();
        store.UpdateStatus(type, current, "test");
    }
}
