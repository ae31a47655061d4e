using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Admission;

/// <summary>
/// k0rdent's validating webhook for ClusterDeployments, through real kubectl: apply, create, server-side dry runs
/// and patches are refused with the webhook's words, and nothing is stored.
/// </summary>
public sealed class KubectlAdmissionTests(SandboxFixture f) : IClassFixture<SandboxFixture>
{
    private const string Denied = "admission webhook \"validation.clusterdeployment.k0rdent.mirantis.com\" denied the request: ";
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task Apply_of_an_AWS_cluster_with_an_Azure_credential_is_refused()
    {
        var file = Write(f.Directory, "mismatch.yaml", Cluster("mismatch", "aws-standalone-cp-1-0-43", "azure-cluster-identity-cred"));

        var r = await _kubectl.RunAsync("apply", "-f", file);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(
            $"Error from server (Forbidden): error when creating \"{file}\": {Denied}the ClusterDeployment is invalid: "
            + "provider infrastructure-aws does not support ClusterIdentity Kind AzureClusterIdentity from the Credential kcm-system/azure-cluster-identity-cred\n",
            r.StdErr);
        Assert.Null(f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "mismatch"));
    }

    [Fact]
    public async Task Server_side_dry_run_and_create_go_through_the_webhook_too()
    {
        var file = Write(f.Directory, "gcp-azure.yaml", Cluster("gcp-azure", "gcp-standalone-cp-1-0-43", "azure-cluster-identity-cred"));

        var dryRun = await _kubectl.RunAsync("apply", "--dry-run=server", "-f", file);
        var create = await _kubectl.RunAsync("create", "-f", file);

        const string Why = "provider infrastructure-gcp does not support ClusterIdentity Kind AzureClusterIdentity from the Credential kcm-system/azure-cluster-identity-cred";
        Assert.Equal((1, $"Error from server (Forbidden): error when creating \"{file}\": {Denied}the ClusterDeployment is invalid: {Why}\n"), (dryRun.ExitCode, dryRun.StdErr));
        Assert.Equal((1, $"Error from server (Forbidden): error when creating \"{file}\": {Denied}the ClusterDeployment is invalid: {Why}\n"), (create.ExitCode, create.StdErr));
    }

    [Fact]
    public async Task A_missing_template_is_answered_as_not_found()
    {
        var file = Write(f.Directory, "old-name.yaml", Cluster("old-name", "azure-standalone-cp-1-0-8", "azure-cluster-identity-cred"));

        var r = await _kubectl.RunAsync("apply", "-f", file);

        Assert.Equal($"Error from server (NotFound): error when creating \"{file}\": {Denied}ClusterTemplate.k0rdent.mirantis.com \"azure-standalone-cp-1-0-8\" not found\n", r.StdErr);
    }

    [Fact]
    public async Task An_invalid_template_and_a_credential_that_is_not_ready_are_refused()
    {
        var invalid = Write(f.Directory, "broken-template.yaml", Cluster("broken", "azure-standalone-cp-1-0-46", "azure-cluster-identity-cred"));
        var legacy = Write(f.Directory, "legacy.yaml", Cluster("legacy", "azure-standalone-cp-1-0-45", "azure-legacy-cred"));

        var a = await _kubectl.RunAsync("apply", "-f", invalid);
        var b = await _kubectl.RunAsync("apply", "-f", legacy);

        Assert.Equal(
            $"Error from server (Forbidden): error when creating \"{invalid}\": {Denied}the ClusterDeployment is invalid: the ClusterTemplate kcm-system/azure-standalone-cp-1-0-46 "
            + "is invalid with the error: failed to get HelmChart kcm-system/azure-standalone-cp-1-0-46: chart pull error: no 'azure-standalone-cp' chart with version matching '1.0.46' found\n",
            a.StdErr);
        Assert.Equal($"Error from server (Forbidden): error when creating \"{legacy}\": {Denied}the ClusterDeployment is invalid: the Credential kcm-system/azure-legacy-cred is not Ready\n", b.StdErr);
    }

    [Fact]
    public async Task An_upgrade_off_the_path_is_forbidden_with_the_warning_and_one_on_it_is_accepted()
    {
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", Write(f.Directory, "hop.yaml", Cluster("hop", "azure-standalone-cp-1-0-41", "azure-cluster-identity-cred")))).ExitCode);
        await UntilAsync(() => f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "hop")?["status"]?["availableUpgrades"] is not null, "the cluster's availableUpgrades");

        var skip = await _kubectl.RunAsync("patch", "cld", "hop", "--type=merge", "-p", """{"spec":{"template":"azure-standalone-cp-1-0-45"}}""");
        var next = await _kubectl.RunAsync("patch", "cld", "hop", "--type=merge", "-p", """{"spec":{"template":"azure-standalone-cp-1-0-44"}}""");

        Assert.Equal(1, skip.ExitCode);
        Assert.Equal(
            "Warning: Cluster can't be upgraded from azure-standalone-cp-1-0-41 to azure-standalone-cp-1-0-45. This upgrade sequence is not allowed\n"
            + $"Error from server (Forbidden): {Denied}cluster upgrade is forbidden\n",
            skip.StdErr);
        Assert.Equal((0, "clusterdeployment.k0rdent.mirantis.com/hop patched\n"), (next.ExitCode, next.StdOut));
    }

    [Fact]
    public async Task Changing_the_credential_is_checked_and_a_label_change_is_not()
    {
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", Write(f.Directory, "swap.yaml", Cluster("swap", "azure-standalone-cp-1-0-45", "azure-cluster-identity-cred")))).ExitCode);

        var swap = await _kubectl.RunAsync("patch", "cld", "swap", "--type=merge", "-p", """{"spec":{"credential":"aws-cluster-credential"}}""");
        var label = await _kubectl.RunAsync("label", "cld", "swap", "team=blue");

        Assert.Equal(
            $"Error from server (Forbidden): {Denied}the ClusterDeployment is invalid: "
            + "provider infrastructure-azure does not support ClusterIdentity Kind AWSClusterStaticIdentity from the Credential kcm-system/aws-cluster-credential\n",
            swap.StdErr);
        Assert.Equal((0, "clusterdeployment.k0rdent.mirantis.com/swap labeled\n"), (label.ExitCode, label.StdOut));
    }

    private static string Cluster(string name, string template, string credential) => $"""
        apiVersion: k0rdent.mirantis.com/v1beta1
        kind: ClusterDeployment
        metadata:
          name: {name}
          namespace: kcm-system
        spec:
          template: {template}
          credential: {credential}
          dryRun: true
          config:
            location: eastus
            subscriptionID: 00000000-1111-2222-3333-444444444444
            region: us-west-2
            project: acme
            controlPlane: {"{vmSize: Standard_A4_v2, instanceType: t3.small}"}
            worker: {"{vmSize: Standard_A4_v2, instanceType: t3.small}"}
        """;
}
