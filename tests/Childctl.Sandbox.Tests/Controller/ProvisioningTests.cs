using System.Text;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Controller;

public class ProvisioningTests
{
    [Fact]
    public async Task FirstPass_AddsFinalizer_ThenNextPassAddsLabel_ThenConditions()
    {
        await using var world = await World.StartAsync();
        var writes = new List<string>();
        using var _ = world.Store.Subscribe(e =>
        {
            if (e.Resource == ResourceType.ClusterDeployment && e.Type == "MODIFIED")
            {
                var meta = e.Object["metadata"]!;
                writes.Add($"finalizer={meta["finalizers"] is not null} label={meta["labels"]?["k0rdent.mirantis.com/component"] is not null} status={e.Object["status"] is not null}");
            }
        });

        await world.CreateAsync(Clusters.Azure("dev1"));

        Assert.Equal(
            ["finalizer=True label=False status=False", "finalizer=True label=True status=False", "finalizer=True label=True status=True"],
            writes);
        var cluster = world.Cluster("dev1");
        Assert.Equal(["k0rdent.mirantis.com/cluster-deployment"], cluster.Finalizers());
        Assert.Equal("kcm", cluster["metadata"]!["labels"]!["k0rdent.mirantis.com/component"]!.GetValue<string>());
        Assert.Equal("dev", cluster["metadata"]!["labels"]!["env"]!.GetValue<string>());
    }

    [Fact]
    public async Task FirstStatus_HasChecksPassed_AndHelmInstallRunning()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("dev1"));

        var cluster = world.Cluster("dev1");
        Assert.Equal(
            ["CredentialReady", "HelmReleaseReady", "HelmChartReady", "TemplateReady", "Ready", "ServicesInReadyState"],
            cluster.ConditionTypes());
        Assert.Equal("True/Succeeded", cluster.State("TemplateReady"));
        Assert.Equal("True/Succeeded", cluster.State("HelmChartReady"));
        Assert.Equal("True/Succeeded", cluster.State("CredentialReady"));
        Assert.Equal("Unknown/Progressing", cluster.State("HelmReleaseReady"));
        Assert.Equal("Running 'install' action with timeout of 10m0s", cluster.Message("HelmReleaseReady"));
        Assert.Equal("Unknown/Progressing", cluster.State("Ready"));
        Assert.Equal("Running 'install' action with timeout of 10m0s", cluster.Message("Ready"));
        Assert.Equal("True/Succeeded", cluster.State("ServicesInReadyState"));
        Assert.Equal("0/0", cluster.Message("ServicesInReadyState"));
        Assert.Null(cluster.Condition("ServicesInReadyState")!["observedGeneration"]);
        Assert.Equal(1, cluster.ObservedGeneration());
        Assert.Equal(1, cluster.Condition("Ready")!["observedGeneration"]!.GetValue<long>());
    }

    [Fact]
    public async Task ChartInstalled_ShowsCapiBullets_WithAllStepsPending()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dev1"));

        await world.AdvanceAsync(TimeSpan.FromSeconds(20));

        var cluster = world.Cluster("dev1");
        Assert.Equal("True/InstallSucceeded", cluster.State("HelmReleaseReady"));
        Assert.Equal("Helm install succeeded for release kcm-system/dev1.v1 with chart azure-standalone-cp@1.0.45", cluster.Message("HelmReleaseReady"));
        Assert.Equal("False/IssuesReported", cluster.State("CAPIClusterSummary"));
        Assert.Equal(
            "* InfrastructureReady: AzureCluster status.initialization.provisioned is false\n"
            + "* ControlPlaneInitialized: Control plane not yet initialized\n"
            + "* ControlPlaneAvailable: K0sControlPlane status.initialization.controlPlaneInitialized is false\n"
            + "* WorkersAvailable:\n"
            + "  * MachineDeployment dev1-md: 0 available replicas, at least 1 required (spec.strategy.rollout.maxUnavailable is 0, spec.replicas is 1)\n"
            + "* RemoteConnectionProbe: Remote connection not established yet",
            cluster.Message("CAPIClusterSummary"));
        Assert.Equal("False/Progressing", cluster.State("Ready"));
        Assert.Equal(cluster.Message("CAPIClusterSummary"), cluster.Message("Ready"));
        Assert.Equal("CAPIClusterSummary", cluster.ConditionTypes()[^1]);
    }

    [Fact]
    public async Task Provisioning_ShrinksBullets_StepByStep_UntilReady()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dev1"));
        var firstBullets = new List<string>();
        for (var i = 0; i < 120 && world.Cluster("dev1").Status("Ready") != "True"; i++)
        {
            await world.AdvanceAsync(TimeSpan.FromSeconds(10));
            if (world.Cluster("dev1").Message("CAPIClusterSummary") is not { } message)
            {
                continue; // the CAPI Cluster does not exist until the chart is installed
            }

            var first = message.Length > 0 ? message.Split(':')[0] : "(none)";
            if (firstBullets.Count == 0 || firstBullets[^1] != first)
            {
                firstBullets.Add(first);
            }
        }

        Assert.Equal(["* InfrastructureReady", "* ControlPlaneInitialized", "* ControlPlaneAvailable", "* WorkersAvailable", "(none)"], firstBullets);
        var ready = world.Cluster("dev1");
        Assert.Equal("True/Succeeded", ready.State("Ready"));
        Assert.Equal("Object is ready", ready.Message("Ready"));
        Assert.Equal("True/InfoReported", ready.State("CAPIClusterSummary"));
        Assert.Equal("", ready.Message("CAPIClusterSummary"));
    }

    [Fact]
    public async Task Cluster_IsReady_AfterSixToTenSimulatedMinutes()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dev1"));

        await world.AdvanceAsync(TimeSpan.FromMinutes(6));
        Assert.NotEqual("True", world.Cluster("dev1").Status("Ready"));

        await world.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Equal("True", world.Cluster("dev1").Status("Ready"));
    }

    [Fact]
    public async Task Speed100_IsReadyInSeconds()
    {
        await using var world = await World.StartAsync(speed: 100);
        await world.CreateAsync(Clusters.Azure("fast"));

        await world.AdvanceAsync(TimeSpan.FromSeconds(7));

        Assert.Equal("True", world.Cluster("fast").Status("Ready"));
    }

    [Fact]
    public async Task KubeconfigSecret_AppearsWhenControlPlaneIsInitialized()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dev1"));
        while (world.Cluster("dev1").Message("CAPIClusterSummary")?.StartsWith("* ControlPlaneAvailable", StringComparison.Ordinal) != true)
        {
            Assert.Null(world.KubeconfigSecret("dev1"));
            await world.AdvanceAsync(TimeSpan.FromSeconds(5));
        }

        var secret = world.KubeconfigSecret("dev1");
        Assert.NotNull(secret);
        Assert.Equal("cluster.x-k8s.io/secret", secret["type"]!.GetValue<string>());
        Assert.Equal("dev1", secret["metadata"]!["labels"]!["cluster.x-k8s.io/cluster-name"]!.GetValue<string>());
        var kubeconfig = Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["value"]!.GetValue<string>()));
        Assert.Contains("kind: Config", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("server: https://127.0.0.1:6443/clusters/kcm-system/dev1\n", kubeconfig, StringComparison.Ordinal); // the child API (unserved in a bare world)
        Assert.Matches(@"token: [0-9a-f]{64}\n", kubeconfig);
        Assert.Contains("current-context: dev1-admin@dev1", kubeconfig, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubeconfigSecret_IsRecreated_WhenDeleted()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dev1"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));

        world.Store.Delete(ResourceType.Secret, "kcm-system", "dev1-kubeconfig");
        await world.Running.WhenIdleAsync();

        Assert.NotNull(world.KubeconfigSecret("dev1"));
    }

    [Fact]
    public async Task ReadyCluster_IsNotWrittenAgain()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dev1"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));
        var rv = world.Cluster("dev1").Rv();

        await world.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(rv, world.Cluster("dev1").Rv());
    }

    [Fact]
    public async Task Services_AreDeployedAfterTheCluster_AndCountedInReadyState()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("svc").With(c => c.Spec()["serviceSpec"] = new System.Text.Json.Nodes.JsonObject
        {
            ["services"] = new System.Text.Json.Nodes.JsonArray(
                new System.Text.Json.Nodes.JsonObject { ["name"] = "ingress-nginx", ["namespace"] = "ingress-nginx", ["template"] = "ingress-nginx-4-13-0" }),
        }));
        while (world.Cluster("svc").Status("CAPIClusterSummary") != "True")
        {
            await world.AdvanceAsync(TimeSpan.FromSeconds(10));
        }

        var deploying = world.Cluster("svc");
        Assert.Equal("False/Failed", deploying.State("ServicesInReadyState"));
        Assert.Equal("0/1", deploying.Message("ServicesInReadyState"));
        Assert.Equal("False/Progressing", deploying.State("Ready"));
        Assert.Equal("0/1 Services are ready.", deploying.Message("Ready"));

        await world.AdvanceAsync(TimeSpan.FromMinutes(1));

        var ready = world.Cluster("svc");
        Assert.Equal("1/1", ready.Message("ServicesInReadyState"));
        Assert.Equal("True/Succeeded", ready.State("Ready"));
        Assert.Equal("Deployed", ready["status"]!["services"]![0]!["state"]!.GetValue<string>());
    }
}
