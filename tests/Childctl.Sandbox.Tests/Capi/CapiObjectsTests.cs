using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Sandbox.Tests.Controller;

namespace Childctl.Sandbox.Tests.Capi;

/// <summary>
/// The Cluster API objects the simulated controller keeps for each deployed cluster: what exists when, with what
/// conditions, as the simulation moves through provisioning, a scale, an upgrade and a teardown.
/// </summary>
public sealed class CapiObjectsTests
{
    private static readonly ResourceType ClusterKind = new("cluster.x-k8s.io", "v1beta2", "clusters", "Cluster", true);
    private static readonly ResourceType Machine = new("cluster.x-k8s.io", "v1beta2", "machines", "Machine", true);
    private static readonly ResourceType MachineDeployment = new("cluster.x-k8s.io", "v1beta2", "machinedeployments", "MachineDeployment", true);
    private static readonly ResourceType MachineSet = new("cluster.x-k8s.io", "v1beta2", "machinesets", "MachineSet", true);
    private static readonly ResourceType ControlPlane = new("controlplane.cluster.x-k8s.io", "v1beta1", "k0scontrolplanes", "K0sControlPlane", true);
    private static readonly ResourceType AzureCluster = new("infrastructure.cluster.x-k8s.io", "v1beta1", "azureclusters", "AzureCluster", true);
    private static readonly ResourceType HelmRelease = new("helm.toolkit.fluxcd.io", "v2", "helmreleases", "HelmRelease", true);

    [Fact]
    public async Task AReadyCluster_HasItsClusterReleaseControlPlaneInfrastructureAndOneMachinePerNode()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("c1", workers: 2, controlPlanes: 3));
        await world.AdvanceAsync(TimeSpan.FromMinutes(15));

        var cluster = Get(world, ClusterKind, "c1");
        Assert.Equal("c1", cluster["metadata"]!["labels"]!["helm.toolkit.fluxcd.io/name"]!.GetValue<string>());
        Assert.Equal(("True", "Provisioned"), (Condition(cluster, "Available")?["status"]?.GetValue<string>(), cluster["status"]!["phase"]!.GetValue<string>()));
        Assert.Equal(("K0sControlPlane", "c1-cp"), (cluster["spec"]!["controlPlaneRef"]!["kind"]!.GetValue<string>(), cluster["spec"]!["controlPlaneRef"]!["name"]!.GetValue<string>()));
        Assert.True(Get(world, ControlPlane, "c1-cp")["status"]!["ready"]!.GetValue<bool>());
        Assert.Equal("True", Condition(Get(world, AzureCluster, "c1"), "Ready")!["status"]!.GetValue<string>());
        Assert.Equal("Helm install succeeded for release kcm-system/c1.v1 with chart azure-standalone-cp@1.0.45",
            Condition(Get(world, HelmRelease, "c1"), "Ready")!["message"]!.GetValue<string>());

        var machines = Machines(world, "c1");
        Assert.Equal(["c1-cp-0", "c1-cp-1", "c1-cp-2"], machines.Where(IsControlPlane).Select(Name));
        Assert.Equal(2, machines.Count(m => !IsControlPlane(m)));
        Assert.All(machines, m => Assert.Equal(("Running", Name(m)), (m["status"]!["phase"]!.GetValue<string>(), m["status"]!["nodeRef"]!["name"]!.GetValue<string>())));
        var set = Assert.Single(world.Store.List(MachineSet, "kcm-system"));
        Assert.All(machines.Where(m => !IsControlPlane(m)), m => Assert.Equal(Name(set), m["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnInfrastructureQuotaError_IsTheClustersInfrastructureReadyCondition_AsInTheSummary()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("quota").Annotate("sandbox.childctl.dev/fail-at", "infrastructure"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(5));

        var infrastructure = Condition(Get(world, ClusterKind, "quota"), "InfrastructureReady")!;
        var summary = world.Cluster("quota").Message("CAPIClusterSummary")!;
        Assert.Equal("False", infrastructure["status"]!.GetValue<string>());
        Assert.StartsWith("* InfrastructureReady: " + infrastructure["message"]!.GetValue<string>() + "\n", summary, StringComparison.Ordinal);
        Assert.Equal("Failed", Condition(Get(world, AzureCluster, "quota"), "Ready")!["reason"]!.GetValue<string>());
        Assert.All(Machines(world, "quota"), m => Assert.Equal("Pending", m["status"]!["phase"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AScaleUp_AddsMachinesThatGetTheirNodesWhenTheStepCompletes()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("grow", workers: 1));
        await world.AdvanceAsync(TimeSpan.FromMinutes(15));

        await world.UpdateAsync("grow", c => c.Config()["workersNumber"] = 3);
        await world.AdvanceAsync(TimeSpan.FromSeconds(20));
        var during = Machines(world, "grow").Where(m => !IsControlPlane(m)).ToList();
        await world.AdvanceAsync(TimeSpan.FromMinutes(5));
        var after = Machines(world, "grow").Where(m => !IsControlPlane(m)).ToList();

        Assert.Equal(3, during.Count);
        Assert.Equal(2, during.Count(m => m["status"]!["nodeRef"] is null));
        Assert.Equal(3, after.Count(m => m["status"]!["nodeRef"] is not null));
        Assert.Equal(3, Get(world, MachineDeployment, "grow-md")["status"]!["readyReplicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnUpgrade_RollsTheMachinesToTheNewVersion()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("roll", template: "azure-standalone-cp-1-0-44"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(15));
        Assert.All(Machines(world, "roll"), m => Assert.Equal("v1.35.6+k0s.1", m["spec"]!["version"]!.GetValue<string>()));

        await world.UpdateAsync("roll", c => c.Spec()["template"] = "azure-standalone-cp-1-0-45");
        await world.AdvanceAsync(TimeSpan.FromMinutes(15));

        Assert.All(Machines(world, "roll"), m => Assert.Equal("v1.36.3+k0s.2", m["spec"]!["version"]!.GetValue<string>()));
        Assert.Equal("v1.36.3+k0s.2", Get(world, ControlPlane, "roll-cp")["status"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATeardown_MarksTheClusterDeleted_RemovesWorkersFirst_AndLeavesNothing()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("bye", workers: 2));
        await world.AdvanceAsync(TimeSpan.FromMinutes(15));

        await world.DeleteAsync("bye");
        await world.AdvanceAsync(TimeSpan.FromSeconds(15));
        var cluster = Get(world, ClusterKind, "bye");
        var workersDraining = Machines(world, "bye").Where(m => !IsControlPlane(m)).All(m => m["status"]!["phase"]!.GetValue<string>() == "Deleting");
        await world.AdvanceInStepsAsync(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(10));

        Assert.NotNull(cluster["metadata"]!["deletionTimestamp"]);
        Assert.Equal("Deleting", cluster["status"]!["phase"]!.GetValue<string>());
        Assert.True(workersDraining);
        Assert.Null(world.Get("bye"));
        Assert.Empty(Machines(world, "bye"));
        Assert.Null(world.Store.Get(ClusterKind, "kcm-system", "bye"));
        Assert.Null(world.Store.Get(HelmRelease, "kcm-system", "bye"));
    }

    [Fact]
    public async Task ADryRunCluster_HasNoCapiObjects()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dry").With(c => c.Spec()["dryRun"] = true));
        await world.AdvanceAsync(TimeSpan.FromMinutes(15));

        Assert.Null(world.Store.Get(ClusterKind, "kcm-system", "dry"));
        Assert.Null(world.Store.Get(HelmRelease, "kcm-system", "dry"));
    }

    [Fact]
    public async Task SeededReadyClusters_HaveTheirMachines()
    {
        await using var world = await World.StartAsync(clusters: 40);

        var ready = world.Store.List(ResourceType.ClusterDeployment, null)
            .Where(c => c.State("Ready") == "True/Succeeded" && c["spec"]!["dryRun"]?.GetValue<bool>() != true).ToList();
        Assert.NotEmpty(ready);
        Assert.All(ready, c =>
        {
            var ns = c["metadata"]!["namespace"]!.GetValue<string>();
            var name = c["metadata"]!["name"]!.GetValue<string>();
            var machines = Machines(world, name, ns);
            Assert.Equal(c.Config()["controlPlaneNumber"]!.GetValue<int>() + c.Config()["workersNumber"]!.GetValue<int>(), machines.Count);
        });
    }

    private static JsonObject Get(World world, ResourceType type, string name) =>
        world.Store.Get(type, "kcm-system", name) ?? throw new InvalidOperationException($"{type.Kind} {name} does not exist");

    private static List<JsonObject> Machines(World world, string cluster, string ns = "kcm-system") =>
        world.Store.List(Machine, ns).Where(m => m["metadata"]!["labels"]!["cluster.x-k8s.io/cluster-name"]!.GetValue<string>() == cluster).ToList();

    private static bool IsControlPlane(JsonObject machine) => machine["metadata"]!["labels"]!["cluster.x-k8s.io/control-plane"] is not null;

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private static JsonObject? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]!.GetValue<string>() == type);
}
