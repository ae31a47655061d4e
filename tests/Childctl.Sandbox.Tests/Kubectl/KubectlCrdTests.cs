using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

public sealed class KubectlCrdTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private const string Widgets = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wdg]}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        size: {type: integer, minimum: 1}
        """;

    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [UpstreamCrdsFact]
    public async Task The_real_k0rdent_CRDs_apply_and_replace_the_built_in_definitions()
    {
        var r = await _kubectl.RunAsync("apply", "-f", RepoPaths.UpstreamCrds);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(
            "customresourcedefinition.apiextensions.k8s.io/clusterdeployments.k0rdent.mirantis.com configured\n" +
            "customresourcedefinition.apiextensions.k8s.io/clustertemplates.k0rdent.mirantis.com configured\n" +
            "customresourcedefinition.apiextensions.k8s.io/credentials.k0rdent.mirantis.com configured\n", r.StdOut);
        var explain = await _kubectl.RunAsync("explain", "clusterdeployment.spec.template");
        Assert.Contains("Template is a reference to a Template object located in the same namespace.", explain.StdOut, StringComparison.Ordinal);
        var created = await _kubectl.RunAsync("apply", "-f", Write(f.Directory, "cd.yaml", Cd("after-crd")));
        Assert.Equal("clusterdeployment.k0rdent.mirantis.com/after-crd created\n", created.StdOut);
        var established = await _kubectl.RunAsync("wait", "--for=condition=Established", "crd/clusterdeployments.k0rdent.mirantis.com", "--timeout=30s");
        Assert.Equal(0, established.ExitCode);
    }

    [Fact]
    public async Task A_new_CRD_is_served_until_it_is_deleted()
    {
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", Write(f.Directory, "crd.yaml", Widgets))).ExitCode);
        var widget = Write(f.Directory, "w.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {size: 3}\n");
        var tooSmall = Write(f.Directory, "w0.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w0}\nspec: {size: 0}\n");

        Assert.Equal("widget.example.com/w1 created\n", (await _kubectl.RunAsync("apply", "-f", widget)).StdOut);
        Assert.Equal("The Widget \"w0\" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1\n",
            (await _kubectl.RunAsync("apply", "-f", tooSmall)).StdErr);
        Assert.Equal("widget.example.com/w1\n", (await _kubectl.RunAsync("get", "wdg", "-o", "name")).StdOut);

        Assert.Equal(0, (await _kubectl.RunAsync("delete", "crd", "widgets.example.com")).ExitCode);
        var gone = await _kubectl.RunAsync("get", "widgets");
        Assert.Equal(1, gone.ExitCode);
    }
}
