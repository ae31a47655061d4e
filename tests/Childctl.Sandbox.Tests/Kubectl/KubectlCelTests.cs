using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>The x-kubernetes-validations rules of the k0rdent CRDs, enforced on writes as the apiserver enforces them.</summary>
public sealed class KubectlCelTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task A_credentials_region_is_immutable()
    {
        var file = Write(f.Directory, "cred.yaml", "apiVersion: k0rdent.mirantis.com/v1beta1\nkind: Credential\nmetadata: {name: cel-cred}\nspec: {identityRef: {name: id}, region: eu-west-1}\n");
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", file)).ExitCode);

        var r = await _kubectl.RunAsync("patch", "cred", "cel-cred", "--type=merge", "-p", """{"spec":{"region":"us-east-1"}}""");
        var description = await _kubectl.RunAsync("patch", "cred", "cel-cred", "--type=merge", "-p", """{"spec":{"description":"still changeable"}}""");

        Assert.Equal((1, "The Credential \"cel-cred\" is invalid: spec.region: Invalid value: \"string\": Region is immutable\n"), (r.ExitCode, r.StdErr));
        Assert.Equal(0, description.ExitCode);
        Assert.Equal("eu-west-1", f.Store.Get(ResourceType.Credential, "kcm-system", "cel-cred")!["spec"]!["region"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cluster_templates_spec_is_immutable_and_its_helm_source_must_be_one_of_three()
    {
        var file = Write(f.Directory, "tmpl.yaml", "apiVersion: k0rdent.mirantis.com/v1beta1\nkind: ClusterTemplate\nmetadata: {name: cel-tmpl}\nspec: {helm: {chartRef: {kind: HelmChart, name: c}}}\n");
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", file)).ExitCode);
        var both = Write(f.Directory, "tmpl2.yaml", "apiVersion: k0rdent.mirantis.com/v1beta1\nkind: ClusterTemplate\nmetadata: {name: cel-tmpl-2}\nspec: {helm: {chartRef: {name: c}, chartSpec: {chart: c}}}\n");

        var changed = await _kubectl.RunAsync("patch", "clustertemplate", "cel-tmpl", "--type=merge", "-p", """{"spec":{"k8sVersion":"v1.32.0"}}""");
        var twoSources = await _kubectl.RunAsync("apply", "-f", both);

        Assert.Equal("The ClusterTemplate \"cel-tmpl\" is invalid: spec: Invalid value: \"object\": Spec is immutable\n", changed.StdErr);
        Assert.Equal("The ClusterTemplate \"cel-tmpl-2\" is invalid: spec.helm: Invalid value: \"object\": chartSpec, chartSource and chartRef are mutually exclusive\n",
            twoSources.StdErr);
    }

    [Fact]
    public async Task A_clusters_service_provider_name_is_immutable_once_set_and_policy_refs_need_one_source()
    {
        var file = Write(f.Directory, "cd-cel.yaml", Cd("cel-cd", extraSpec: "  serviceSpec:\n    provider: {name: ksm}\n"));
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", file)).ExitCode);

        var rename = await _kubectl.RunAsync("patch", "cld", "cel-cd", "--type=merge", "-p", """{"spec":{"serviceSpec":{"provider":{"name":"other"}}}}""");
        var policy = await _kubectl.RunAsync("patch", "cld", "cel-cd", "--type=merge", "-p", """{"spec":{"serviceSpec":{"policyRefs":[{"name":"p"}]}}}""");

        Assert.Equal("The ClusterDeployment \"cel-cd\" is invalid: spec.serviceSpec.provider.name: Invalid value: \"string\": Provider name is immutable once set\n", rename.StdErr);
        Assert.Equal("The ClusterDeployment \"cel-cd\" is invalid: spec.serviceSpec.policyRefs[0]: Invalid value: \"object\": either remoteURL or kind must be set, but not both\n", policy.StdErr);
    }
}
