namespace Childctl.Sandbox.Tests.Controller;

public class FailureInjectionTests
{
    private const string FailAt = "sandbox.childctl.dev/fail-at";
    private const string FailMessage = "sandbox.childctl.dev/fail-message";
    private const string FailFast = "sandbox.childctl.dev/fail-fast";

    [Fact]
    public async Task InfrastructureFailure_StaysProgressing_ThenFailsAfterThirtyMinutes()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("quota").Annotate(FailAt, "infrastructure"));
        await world.AdvanceAsync(TimeSpan.FromSeconds(20)); // the chart is installed; CAPIClusterSummary turns False now

        var stuck = world.Cluster("quota");
        Assert.Equal("False/Progressing", stuck.State("Ready"));
        Assert.StartsWith("* InfrastructureReady: failed to create or update resource quota/quota (service: virtualmachine): OperationNotAllowed: Operation could not be completed as it results in exceeding approved Total Regional Cores quota.", stuck.Message("CAPIClusterSummary"), StringComparison.Ordinal);
        Assert.Contains("Location: eastus", stuck.Message("CAPIClusterSummary"), StringComparison.Ordinal);

        await world.AdvanceAsync(TimeSpan.FromMinutes(29));
        Assert.Equal("False/Progressing", world.Cluster("quota").State("Ready"));

        await world.AdvanceAsync(TimeSpan.FromMinutes(2));
        var failed = world.Cluster("quota");
        Assert.Equal("False/Failed", failed.State("Ready"));
        Assert.Equal("Cluster is not ready. Check the provider logs for more details.\n" + failed.Message("CAPIClusterSummary"), failed.Message("Ready"));
    }

    [Fact]
    public async Task FailFast_FailsAtOnce_WithTheCustomMessage()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Aws("quota").Annotate(FailAt, "infrastructure").Annotate(FailFast, "true").Annotate(FailMessage, "out of elastic IPs"));
        await world.AdvanceAsync(TimeSpan.FromSeconds(30));

        var cluster = world.Cluster("quota");
        Assert.Equal("False/Failed", cluster.State("Ready"));
        Assert.StartsWith("Cluster is not ready. Check the provider logs for more details.\n* InfrastructureReady: out of elastic IPs\n", cluster.Message("Ready"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlPlaneFailure_HoldsBeforeTheKubeconfigExists()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Aws("cp").Annotate(FailAt, "control-plane"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(20));

        var cluster = world.Cluster("cp");
        Assert.Contains("* ControlPlaneMachinesReady:\n  * Machine cp-cp-0: failed to create AWSMachine instance: VcpuLimitExceeded", cluster.Message("CAPIClusterSummary"), StringComparison.Ordinal);
        Assert.Equal("False/Progressing", cluster.State("Ready"));
        Assert.Null(world.KubeconfigSecret("cp"));
    }

    [Fact]
    public async Task WorkerFailure_HoldsAfterTheKubeconfigExists()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("w", workers: 2).Annotate(FailAt, "workers").Annotate(FailMessage, "SkuNotAvailable"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(20));

        var cluster = world.Cluster("w");
        Assert.Matches(@"\* WorkerMachinesReady:\n  \* Machines w-md-\w{5}-\w{5}, w-md-\w{5}-\w{5}: SkuNotAvailable", cluster.Message("CAPIClusterSummary"));
        Assert.NotNull(world.KubeconfigSecret("w"));
    }

    [Fact]
    public async Task HelmChartFailure_IsImmediatelyFailed()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("chart").Annotate(FailAt, "helm-chart"));

        var cluster = world.Cluster("chart");
        Assert.Equal("False/Failed", cluster.State("HelmChartReady"));
        Assert.StartsWith("failed to download HelmChart from Artifact http://source-controller.kcm-system.svc.cluster.local./helmchart/kcm-system/azure-standalone-cp-1-0-45/azure-standalone-cp-1.0.45.tgz: ", cluster.Message("HelmChartReady"), StringComparison.Ordinal);
        Assert.Equal("False/Failed", cluster.State("Ready"));
        Assert.Equal("HelmChartDownloadFailed", world.Events("chart").Single().Reason());
    }

    [Fact]
    public async Task HelmReleaseFailure_FailsTheInstall()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("rel").Annotate(FailAt, "helm-release"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(5));

        var cluster = world.Cluster("rel");
        Assert.Equal("False/InstallFailed", cluster.State("HelmReleaseReady"));
        Assert.Equal("Helm install failed for release kcm-system/rel with chart azure-standalone-cp@1.0.45: context deadline exceeded", cluster.Message("HelmReleaseReady"));
        Assert.Equal("False/Failed", cluster.State("Ready"));
        Assert.Null(cluster.Condition("CAPIClusterSummary"));
    }

    [Fact]
    public async Task RemovingTheAnnotation_LetsProvisioningGoOn()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("quota").Annotate(FailAt, "infrastructure"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(1));
        await world.AdvanceAsync(TimeSpan.FromMinutes(40));
        Assert.Equal("False/Failed", world.Cluster("quota").State("Ready"));

        await world.UpdateAsync("quota", c => c["metadata"]!["annotations"]!.AsObject().Remove(FailAt));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal("True/Succeeded", world.Cluster("quota").State("Ready"));
    }

    [Fact]
    public async Task UnknownFailurePoint_IsIgnored()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("typo").Annotate(FailAt, "infrastucture"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal("True", world.Cluster("typo").Status("Ready"));
    }
}
