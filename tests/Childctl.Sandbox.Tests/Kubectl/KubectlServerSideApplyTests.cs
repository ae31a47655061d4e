using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>Server-side apply with field ownership, for the kinds childctl writes: conflicts, forcing, co-owning and removal.</summary>
public sealed class KubectlServerSideApplyTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task A_field_another_manager_changed_conflicts_until_forced()
    {
        var file = Write(f.Directory, "ssa-c.yaml", Cd("ssa-c"));
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "--server-side", "-f", file)).ExitCode);
        Assert.Equal(0, (await _kubectl.RunAsync("patch", "cld", "ssa-c", "--type=merge", "-p", """{"spec":{"credential":"other"}}""")).ExitCode);

        var conflict = await _kubectl.RunAsync("apply", "--server-side", "-f", file);
        var forced = await _kubectl.RunAsync("apply", "--server-side", "--force-conflicts", "-f", file);

        Assert.Equal(1, conflict.ExitCode);
        Assert.StartsWith("error: Apply failed with 1 conflict: conflict with \"kubectl-patch\" using k0rdent.mirantis.com/v1beta1: .spec.credential\n", conflict.StdErr, StringComparison.Ordinal);
        Assert.Equal("clusterdeployment.k0rdent.mirantis.com/ssa-c serverside-applied\n", forced.StdOut);
        var stored = f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "ssa-c")!;
        Assert.Equal("aws-cred", stored["spec"]!["credential"]!.GetValue<string>());
        Assert.Equal(["kubectl"], stored["metadata"]!["managedFields"]!.AsArray().Select(e => e!["manager"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Two_appliers_conflict_with_the_other_named_and_co_own_equal_values()
    {
        var file = Write(f.Directory, "ssa-two.yaml", Cd("ssa-two"));
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "--server-side", "--field-manager=alice", "-f", file)).ExitCode);

        var same = await _kubectl.RunAsync("apply", "--server-side", "--field-manager=bob", "-f", file);
        var different = await _kubectl.RunAsync("apply", "--server-side", "--field-manager=bob", "-f", Write(f.Directory, "ssa-two-b.yaml", Cd("ssa-two", region: "eu-west-1")));

        Assert.Equal(0, same.ExitCode);
        Assert.StartsWith("error: Apply failed with 1 conflict: conflict with \"alice\": .spec.config.region\n", different.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_the_manager_stops_applying_is_removed()
    {
        var file = Write(f.Directory, "ssa-r.yaml", Cd("ssa-r").Replace("    env: dev\n", "    env: dev\n    tier: gold\n", StringComparison.Ordinal));
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "--server-side", "-f", file)).ExitCode);

        var r = await _kubectl.RunAsync("apply", "--server-side", "-f", Write(f.Directory, "ssa-r2.yaml", Cd("ssa-r")));

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("""{"env":"dev"}""", f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "ssa-r")!["metadata"]!["labels"]!.ToJsonString());
    }

    [Fact]
    public async Task A_field_kept_by_another_manager_stays_when_the_applier_drops_it()
    {
        var file = Write(f.Directory, "ssa-k.yaml", Cd("ssa-k"));
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "--server-side", "-f", file)).ExitCode);
        Assert.Equal(0, (await _kubectl.RunAsync("label", "cld", "ssa-k", "env=dev", "--overwrite")).ExitCode);
        Assert.Equal(0, (await _kubectl.RunAsync("label", "cld", "ssa-k", "env=prod", "--overwrite")).ExitCode);

        Assert.Equal(0, (await _kubectl.RunAsync("apply", "--server-side", "-f", Write(f.Directory, "ssa-k2.yaml", Cd("ssa-k").Replace("  labels:\n    env: dev\n", "", StringComparison.Ordinal)))).ExitCode);

        Assert.Equal("prod", f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "ssa-k")!["metadata"]!["labels"]!["env"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConfigMaps_Secrets_and_Events_are_applied_with_ownership()
    {
        Assert.Equal(0, (await _kubectl.RunAsync("create", "configmap", "ssa-cm", "--from-literal=a=1")).ExitCode);
        var cm = Write(f.Directory, "ssa-cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa-cm}\ndata: {a: \"2\", b: \"3\"}\n");
        var secret = Write(f.Directory, "ssa-s.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: ssa-s}\nstringData: {k: v}\n");
        var ev = Write(f.Directory, "ssa-e.yaml", "apiVersion: v1\nkind: Event\nmetadata: {name: ssa-e}\ninvolvedObject: {kind: ClusterDeployment, name: x, namespace: kcm-system}\nreason: Tested\nmessage: hello\ntype: Normal\n");

        var conflict = await _kubectl.RunAsync("apply", "--server-side", "-f", cm);
        var forced = await _kubectl.RunAsync("apply", "--server-side", "--force-conflicts", "-f", cm);
        var s = await _kubectl.RunAsync("apply", "--server-side", "-f", secret);
        var e = await _kubectl.RunAsync("apply", "--server-side", "-f", ev);

        Assert.StartsWith("error: Apply failed with 1 conflict: conflict with \"kubectl-create\" using v1: .data.a\n", conflict.StdErr, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), (forced.ExitCode, s.ExitCode, e.ExitCode));
        Assert.Equal("""{"a":"2","b":"3"}""", f.Store.Get(ResourceType.ConfigMap, "kcm-system", "ssa-cm")!["data"]!.ToJsonString());
        Assert.Equal("dg==", f.Store.Get(ResourceType.Secret, "kcm-system", "ssa-s")!["data"]!["k"]!.GetValue<string>());
        Assert.Equal("Tested", f.Store.Get(ResourceType.Event, "kcm-system", "ssa-e")!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Client_side_apply_then_server_side_apply_migrates_the_ownership()
    {
        var file = Write(f.Directory, "ssa-m.yaml", Cd("ssa-m"));
        Assert.Equal(0, (await _kubectl.RunAsync("apply", "-f", file)).ExitCode);

        var r = await _kubectl.RunAsync("apply", "--server-side", "-f", Write(f.Directory, "ssa-m2.yaml", Cd("ssa-m", region: "eu-west-1")));

        Assert.Equal((0, "clusterdeployment.k0rdent.mirantis.com/ssa-m serverside-applied\n"), (r.ExitCode, r.StdOut));
        var stored = f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "ssa-m")!;
        Assert.Equal("eu-west-1", stored["spec"]!["config"]!["region"]!.GetValue<string>());
        Assert.DoesNotContain(stored["metadata"]!["managedFields"]!.AsArray(), m => m!["manager"]!.GetValue<string>() == "kubectl-client-side-apply");
    }
}
