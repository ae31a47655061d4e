using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>
/// The everyday workflow that used to hang: <c>kubectl delete ns</c> of a namespace holding a ClusterDeployment.
/// The controller's Events there are refused (the namespace is terminating); it must still remove its finalizer.
/// </summary>
public sealed class KubectlNamespaceDeletionTests(SandboxFixture f) : IClassFixture<SandboxFixture>
{
    private const string Objects = """
        apiVersion: k0rdent.mirantis.com/v1beta1
        kind: ClusterTemplate
        metadata: {name: azure-standalone-cp-1-0-45, namespace: ns-del}
        spec:
          helm:
            chartSpec: {chart: azure-standalone-cp, version: 1.0.45, sourceRef: {kind: HelmRepository, name: kcm-templates}}
        ---
        apiVersion: k0rdent.mirantis.com/v1beta1
        kind: Credential
        metadata: {name: azure-cred, namespace: ns-del}
        spec:
          identityRef: {apiVersion: infrastructure.cluster.x-k8s.io/v1beta1, kind: AzureClusterIdentity, name: azure-cluster-identity, namespace: ns-del}
        """;

    private const string Cluster = """
        apiVersion: k0rdent.mirantis.com/v1beta1
        kind: ClusterDeployment
        metadata: {name: doomed, namespace: ns-del}
        spec:
          template: azure-standalone-cp-1-0-45
          credential: azure-cred
          dryRun: true
          config:
            location: eastus
            subscriptionID: 00000000-1111-2222-3333-444444444444
            controlPlane: {vmSize: Standard_A4_v2}
            worker: {vmSize: Standard_A4_v2}
        """;

    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task Delete_namespace_with_a_ClusterDeployment_completes()
    {
        await OkAsync("create", "namespace", "ns-del");
        await OkAsync("apply", "-f", Write(f.Directory, "ns-del-objects.yaml", Objects));
        await OkAsync("wait", "--for=jsonpath={.status.ready}=true", "credential/azure-cred", "-n", "ns-del", "--timeout=30s");
        await OkAsync("wait", "--for=jsonpath={.status.valid}=true", "clustertemplate/azure-standalone-cp-1-0-45", "-n", "ns-del", "--timeout=30s");
        await OkAsync("apply", "-f", Write(f.Directory, "ns-del-cluster.yaml", Cluster));
        await OkAsync("wait", "--for=condition=Ready", "cld/doomed", "-n", "ns-del", "--timeout=30s");

        var deleted = await _kubectl.RunAsync(["delete", "namespace", "ns-del", "--timeout=30s"], stdin: null, timeout: TimeSpan.FromSeconds(45));

        Assert.Equal((0, "namespace \"ns-del\" deleted\n"), (deleted.ExitCode, deleted.StdOut));
        var gone = await _kubectl.RunAsync("get", "namespace", "ns-del");
        Assert.Equal("Error from server (NotFound): namespaces \"ns-del\" not found\n", gone.StdErr);
    }

    private async Task<KubectlResult> OkAsync(params string[] args)
    {
        var r = await _kubectl.RunAsync(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }
}
