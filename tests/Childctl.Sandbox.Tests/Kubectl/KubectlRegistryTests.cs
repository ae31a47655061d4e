using Childctl.Sandbox.Api.Definitions;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>Generic registry semantics through real kubectl: protected namespaces, and CRD deletion that waits for its objects.</summary>
public sealed class KubectlRegistryTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private const string Gadgets = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: gadgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Gadget, plural: gadgets, singular: gadget}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Theory]
    [InlineData("default")]
    [InlineData("kube-system")]
    [InlineData("kube-public")]
    public async Task The_namespaces_a_cluster_needs_cannot_be_deleted(string ns)
    {
        var r = await _kubectl.RunAsync("delete", "namespace", ns);
        Assert.Equal((1, $"Error from server (Forbidden): namespaces \"{ns}\" is forbidden: this namespace may not be deleted\n"), (r.ExitCode, r.StdErr));
    }

    [Fact]
    public async Task A_deleted_CRD_stays_terminating_until_its_objects_finalizers_are_gone()
    {
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", Write(f.Directory, "gadgets.yaml", Gadgets))).ExitCode);
        Assert.Equal(0, (await _kubectl.RunAsync("wait", "--for=condition=Established", "crd/gadgets.example.com", "--timeout=30s")).ExitCode);
        var held = Write(f.Directory, "g1.yaml", "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1, finalizers: [example.com/hold]}\n");
        Assert.Equal("gadget.example.com/g1 created\n", (await _kubectl.RunAsync("apply", "-f", held)).StdOut);

        Assert.Equal(0, (await _kubectl.RunAsync("delete", "crd", "gadgets.example.com", "--wait=false")).ExitCode);
        var condition = await _kubectl.RunAsync("get", "crd", "gadgets.example.com", "-o", "jsonpath={.status.conditions[?(@.type==\"Terminating\")].reason}");
        var gadget = await _kubectl.RunAsync("get", "gadget", "g1", "-o", "jsonpath={.metadata.deletionTimestamp}");
        var create = await _kubectl.RunAsync("create", "-f", Write(f.Directory, "g2.yaml", "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g2}\n"));

        Assert.Equal("InstanceDeletionInProgress", condition.StdOut);
        Assert.NotEmpty(gadget.StdOut);
        Assert.Contains("create not allowed while custom resource definition is terminating", create.StdErr, StringComparison.Ordinal);

        Assert.Equal(0, (await _kubectl.RunAsync("patch", "gadget", "g1", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""")).ExitCode);
        var gone = await _kubectl.RunAsync("wait", "--for=delete", "crd/gadgets.example.com", "--timeout=30s");
        Assert.Equal(0, gone.ExitCode);
        Assert.Null(f.Store.Get(CoreDefinitions.CustomResourceDefinition, null, "gadgets.example.com"));
    }
}
