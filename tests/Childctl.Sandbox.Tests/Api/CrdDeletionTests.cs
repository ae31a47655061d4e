using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Storage;
using Childctl.Sandbox.Tests.Controller;

namespace Childctl.Sandbox.Tests.Api;

/// <summary>
/// Deleting the ClusterDeployment CRD runs each cluster's deletion (finalizer, kubeconfig Secret) before the CRD
/// goes, as the apiextensions apiserver does; driven by fake time with the simulated controller.
/// </summary>
public sealed class CrdDeletionTests
{
    private const string CdCrd = "clusterdeployments.k0rdent.mirantis.com";

    [Fact]
    public async Task Deleting_the_CRD_waits_for_every_cluster_to_finish_deleting_and_leaves_no_kubeconfig_Secret()
    {
        await using var world = await World.StartAsync();
        using var registry = new ResourceRegistry(world.Store);
        await world.CreateAsync(Clusters.Azure("crd-a"));
        await world.CreateAsync(Clusters.Azure("crd-b", ns: "kcm-system"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.NotNull(world.KubeconfigSecret("crd-a"));

        world.Store.Delete(CoreDefinitions.CustomResourceDefinition, null, CdCrd);
        await world.Running.WhenIdleAsync();

        var crd = world.Store.Get(CoreDefinitions.CustomResourceDefinition, null, CdCrd)!;
        var terminating = crd["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Terminating")!;
        Assert.Equal(["customresourcecleanup.apiextensions.k8s.io"], crd["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(("True", "InstanceDeletionInProgress"), (terminating["status"]!.GetValue<string>(), terminating["reason"]!.GetValue<string>()));
        Assert.NotNull(world.Cluster("crd-a")["metadata"]!["deletionTimestamp"]);
        Assert.True(registry.IsTerminating(registry.Find("k0rdent.mirantis.com", "v1beta1", "clusterdeployments")!));

        await world.AdvanceInStepsAsync(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30));

        Assert.Null(world.Get("crd-a"));
        Assert.Null(world.Get("crd-b"));
        Assert.Null(world.KubeconfigSecret("crd-a"));
        Assert.Null(world.KubeconfigSecret("crd-b"));
        Assert.Null(world.Store.Get(CoreDefinitions.CustomResourceDefinition, null, CdCrd));
        Assert.Null(registry.Find("k0rdent.mirantis.com", "v1beta1", "clusterdeployments"));
    }

    [Fact]
    public void A_CRD_without_objects_goes_at_once()
    {
        var store = new ObjectStore();
        using var registry = new ResourceRegistry(store);

        var last = store.Delete(CoreDefinitions.CustomResourceDefinition, null, "credentials.k0rdent.mirantis.com");

        Assert.Null(store.Get(CoreDefinitions.CustomResourceDefinition, null, "credentials.k0rdent.mirantis.com"));
        Assert.NotNull(last["metadata"]!["deletionTimestamp"]);
    }
}
