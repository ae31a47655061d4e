using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>
/// The backup-and-restore round trip: <c>kubectl get ... -o yaml</c> writes a <c>kind: List</c>, which kubectl
/// validates client-side against /openapi/v2 (protobuf) before create or apply; validation stays on.
/// </summary>
public sealed class KubectlListFileTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task A_list_written_by_get_o_yaml_is_created_and_applied_again_after_a_delete()
    {
        await _kubectl.RunAsync("create", "namespace", "backup");
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", Write(f.Directory, "one.yaml", Cd("keep-1", ns: "backup")))).ExitCode);
        Assert.Equal(0, (await _kubectl.RunAsync("create", "configmap", "settings", "-n", "backup", "--from-literal=a=1")).ExitCode);
        Assert.Equal(0, (await _kubectl.RunAsync("create", "secret", "generic", "token", "-n", "backup", "--from-literal=t=x")).ExitCode);
        var export = await _kubectl.RunAsync("get", "cld,cm,secret", "-n", "backup", "-o", "yaml");
        Assert.StartsWith("apiVersion: v1\nitems:\n", export.StdOut, StringComparison.Ordinal);
        var file = Write(f.Directory, "backup.yaml", export.StdOut);

        Assert.Equal(0, (await _kubectl.RunAsync("delete", "-f", file)).ExitCode);
        var created = await _kubectl.RunAsync("create", "-f", file);
        Assert.Equal(0, (await _kubectl.RunAsync("delete", "-f", file)).ExitCode);
        var applied = await _kubectl.RunAsync("apply", "-f", file);

        const string Expected = "clusterdeployment.k0rdent.mirantis.com/keep-1 created\nconfigmap/settings created\nsecret/token created\n";
        Assert.Equal((0, Expected, ""), (created.ExitCode, created.StdOut, created.StdErr));
        Assert.Equal((0, Expected, ""), (applied.ExitCode, applied.StdOut, applied.StdErr));
        Assert.NotNull(f.Store.Get(ResourceType.Secret, "backup", "token"));
    }

    [Fact]
    public async Task An_unknown_field_in_a_list_item_is_caught_by_kubectl_before_anything_is_sent()
    {
        var file = Write(f.Directory, "bad-list.yaml", """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: k0rdent.mirantis.com/v1beta1
              kind: ClusterDeployment
              metadata: {name: listed}
              spec: {template: t, bogus: 1}
            """);

        var r = await _kubectl.RunAsync("apply", "-f", file);

        Assert.Equal((1, $"error: error validating \"{file}\": error validating data: ValidationError(ClusterDeployment.spec): unknown field \"bogus\" in com.mirantis.k0rdent.v1beta1.ClusterDeployment.spec; if you choose to ignore these errors, turn validation off with --validate=false\n"),
            (r.ExitCode, r.StdErr));
        Assert.Null(f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "listed"));
    }
}
