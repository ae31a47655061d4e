using Childctl.Sandbox.Tests.ChildApi;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Capi;

/// <summary>The simulated CAPI objects through real kubectl: listed with their printer columns, found by label, read-only.</summary>
public sealed class KubectlCapiTests(FakeTimeSandboxFixture f) : IClassFixture<FakeTimeSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task Get_clusters_and_machines_lists_what_the_simulation_holds()
    {
        await ReadyClusterAsync("capi-1");

        var r = await OkAsync("get", "clusters.cluster.x-k8s.io,machines", "-n", "kcm-system", "-l", "cluster.x-k8s.io/cluster-name=capi-1,cluster.x-k8s.io/control-plane");
        var byLabel = await OkAsync("get", "clusters.cluster.x-k8s.io", "-A", "-l", "helm.toolkit.fluxcd.io/name=capi-1", "-o", "name");
        var cluster = await OkAsync("get", "clusters.cluster.x-k8s.io", "capi-1", "-n", "kcm-system");

        Assert.Equal(
            ["NAME", "CLUSTER", "NODE", "NAME", "READY", "PHASE", "AGE", "VERSION"],
            r.StdOut.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var machine = r.StdOut.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["machine.cluster.x-k8s.io/capi-1-cp-0", "capi-1", "capi-1-cp-0", "True", "Running", "v1.36.3+k0s.2"], machine.Where((_, i) => i != 5));
        Assert.Equal("cluster.cluster.x-k8s.io/capi-1\n", byLabel.StdOut);
        Assert.Equal(["capi-1", "True", "1", "1", "1", "1", "Provisioned"], cluster.StdOut.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..7]);
    }

    [Fact]
    public async Task The_objects_are_read_only_for_clients()
    {
        await ReadyClusterAsync("capi-2");

        var delete = await _kubectl.RunAsync("delete", "machine", "capi-2-cp-0", "-n", "kcm-system");
        var patch = await _kubectl.RunAsync("patch", "clusters.cluster.x-k8s.io", "capi-2", "-n", "kcm-system", "--type=merge", "-p", """{"spec":{"paused":true}}""");

        Assert.Equal(
            "Error from server (Forbidden): admission webhook \"simulated-objects.sandbox.childctl.dev\" denied the request: machines.cluster.x-k8s.io are written by the "
            + "sandbox's simulated Cluster API and cannot be changed through the API; change the ClusterDeployment instead\n",
            delete.StdErr);
        Assert.Equal(1, patch.ExitCode);
        Assert.Contains("clusters.cluster.x-k8s.io are written by the sandbox's simulated Cluster API", patch.StdErr, StringComparison.Ordinal);
    }

    private async Task ReadyClusterAsync(string name)
    {
        await OkAsync("apply", "-f", Write(f.Directory, name + ".yaml", $"""
            apiVersion: k0rdent.mirantis.com/v1beta1
            kind: ClusterDeployment
            metadata: {"{"}name: {name}, namespace: kcm-system{"}"}
            spec:
              template: azure-standalone-cp-1-0-45
              credential: azure-cluster-identity-cred
              config:
                location: eastus
                subscriptionID: 00000000-1111-2222-3333-444444444444
                controlPlaneNumber: 1
                controlPlane: {"{"}vmSize: Standard_A4_v2{"}"}
                workersNumber: 1
                worker: {"{"}vmSize: Standard_A4_v2{"}"}
            """));
        await f.AdvanceAsync(TimeSpan.FromMinutes(15));

        // The controller reconciles on its own threads after the clock moves: wait until it has written the machines.
        for (var i = 0; i < 300 && (await _kubectl.RunAsync("get", "machine", name + "-cp-0", "-n", "kcm-system")).ExitCode != 0; i++)
        {
            await Task.Delay(100);
        }
    }

    private async Task<KubectlResult> OkAsync(params string[] args)
    {
        var r = await _kubectl.RunAsync(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }
}
