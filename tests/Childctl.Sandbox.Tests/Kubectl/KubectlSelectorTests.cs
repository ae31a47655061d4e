using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>Selectors the apiserver refuses are refused here too: a bulk delete with one deletes nothing.</summary>
public sealed class KubectlSelectorTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    [Theory]
    [InlineData("!!!==", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("=x", "found '=', expected: !, identifier, or 'end of string'")]
    public async Task A_bulk_delete_with_a_bad_label_selector_is_refused_and_deletes_nothing(string selector, string why)
    {
        await f.Kubectl.RunAsync("create", "namespace", "sel");
        var file = Write(f.Directory, "sel.yaml", Cd("keep-me", ns: "sel"));
        Assert.Equal(0, (await f.Kubectl.RunAsync("apply", "-f", file)).ExitCode);

        var r = await f.Kubectl.RunAsync("delete", "cld", "-n", "sel", "-l", selector);

        Assert.Equal((1, $"Error from server (BadRequest): Unable to find \"k0rdent.mirantis.com/v1beta1, Resource=clusterdeployments\" that match label selector \"{selector}\", field selector \"\": {why}\n"),
            (r.ExitCode, r.StdErr));
        Assert.NotNull(f.Store.Get(ResourceType.ClusterDeployment, "sel", "keep-me"));
    }

    [Fact]
    public async Task A_field_selector_on_an_unsupported_field_is_refused()
    {
        var r = await f.Kubectl.RunAsync("get", "secrets", "-A", "--field-selector", "data.x=1");
        Assert.Equal((1, "Error from server (BadRequest): Unable to find \"/v1, Resource=secrets\" that match label selector \"\", field selector \"data.x=1\": field label not supported: data.x\n"),
            (r.ExitCode, r.StdErr));
    }
}
