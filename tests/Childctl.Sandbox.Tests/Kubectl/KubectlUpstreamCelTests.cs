using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>With the upstream k0rdent CRDs applied, their CEL rules (including those our own definitions do not model) hold.</summary>
public sealed class KubectlUpstreamCelTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [UpstreamCrdsFact]
    public async Task The_upstream_CRDs_rules_are_enforced()
    {
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", RepoPaths.UpstreamCrds)).ExitCode);
        var cred = Write(f.Directory, "up-cred.yaml", "apiVersion: k0rdent.mirantis.com/v1beta1\nkind: Credential\nmetadata: {name: up-cred}\nspec: {identityRef: {apiVersion: v1, kind: Secret, name: id}, region: eu-west-1}\n");
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", cred)).ExitCode);
        var tmpl = Write(f.Directory, "up-tmpl.yaml", """
            apiVersion: k0rdent.mirantis.com/v1beta1
            kind: ClusterTemplate
            metadata: {name: up-tmpl}
            spec:
              helm:
                chartSource:
                  localSourceRef: {kind: Secret, name: s}
            """);

        var region = await _kubectl.RunAsync("patch", "cred", "up-cred", "--type=merge", "-p", """{"spec":{"region":"us-east-1"}}""");
        var source = await _kubectl.RunAsync("apply", "-f", tmpl);

        Assert.Equal("The Credential \"up-cred\" is invalid: spec.region: Invalid value: \"string\": Region is immutable\n", region.StdErr);
        Assert.Contains("spec: Invalid value: \"object\": .spec.helm.chartSource is not supported for ClusterTemplates", source.StdErr, StringComparison.Ordinal);
        Assert.Contains("spec.helm.chartSource: Invalid value: \"object\": Secret and ConfigMap are not supported as Helm chart sources", source.StdErr, StringComparison.Ordinal);
    }
}
