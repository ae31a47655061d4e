using Childctl.Sandbox.Storage;
using Childctl.Testing;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.Kubectl;

public sealed class KubectlWriteTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private const string Resource = "clusterdeployment.k0rdent.mirantis.com";
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task Apply_creates_then_leaves_unchanged_then_configures()
    {
        var file = Write(f.Directory, "apply.yaml", Cd("a-1"));
        var changed = Write(f.Directory, "apply2.yaml", Cd("a-1", region: "eu-west-1"));

        Assert.Equal($"{Resource}/a-1 created\n", (await OkAsync("apply", "-f", file)).StdOut);
        Assert.Equal($"{Resource}/a-1 unchanged\n", (await OkAsync("apply", "-f", file)).StdOut);
        Assert.Equal($"{Resource}/a-1 configured\n", (await OkAsync("apply", "-f", changed)).StdOut);
        var stored = f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "a-1")!;
        Assert.Equal(("eu-west-1", 2L), (stored["spec"]!["config"]!["region"]!.GetValue<string>(), stored["metadata"]!["generation"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Server_side_apply_records_an_Apply_manager()
    {
        var file = Write(f.Directory, "ssa.yaml", Cd("ssa-1"));
        Assert.Equal($"{Resource}/ssa-1 serverside-applied\n", (await OkAsync("apply", "--server-side", "-f", file)).StdOut);
        Assert.Equal($"{Resource}/ssa-1 serverside-applied\n", (await OkAsync("apply", "--server-side", "-f", file)).StdOut);
        var fields = f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "ssa-1")!["metadata"]!["managedFields"]!.AsArray();
        Assert.Contains(fields, e => e!["manager"]!.GetValue<string>() == "kubectl" && e["operation"]!.GetValue<string>() == "Apply");
    }

    [Fact]
    public async Task Create_drops_the_status_sent_with_a_custom_resource_as_the_apiserver_does()
    {
        var withStatus = Cd("st-1") + "status:\n  observedGeneration: 7\n  conditions:\n  - {type: Ready, status: \"True\", reason: Succeeded, message: restored, lastTransitionTime: \"2026-01-01T00:00:00Z\"}\n";
        var file = Write(f.Directory, "status.yaml", withStatus);

        Assert.Equal($"{Resource}/st-1 created\n", (await OkAsync("create", "-f", file)).StdOut);
        Assert.Null(f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "st-1")!["status"]);
    }

    [Fact]
    public async Task Create_twice_reports_AlreadyExists_for_the_file()
    {
        var file = Write(f.Directory, "create.yaml", Cd("c-1"));
        Assert.Equal($"{Resource}/c-1 created\n", (await OkAsync("create", "-f", file)).StdOut);
        var again = await _kubectl.RunAsync("create", "-f", file);
        Assert.Equal((1, $"Error from server (AlreadyExists): error when creating \"{file}\": clusterdeployments.k0rdent.mirantis.com \"c-1\" already exists\n"), (again.ExitCode, again.StdErr));
    }

    [Fact]
    public async Task Replace_conflicts_on_a_stale_version_and_replaces_otherwise()
    {
        await OkAsync("create", "-f", Write(f.Directory, "r.yaml", Cd("r-1")));
        var stale = Write(f.Directory, "r-stale.yaml", Cd("r-1", region: "x").Replace("  labels:", "  resourceVersion: \"1\"\n  labels:", StringComparison.Ordinal));
        var conflict = await _kubectl.RunAsync("replace", "-f", stale);
        Assert.Equal(1, conflict.ExitCode);
        Assert.StartsWith($"Error from server (Conflict): error when replacing \"{stale}\": Operation cannot be fulfilled on clusterdeployments.k0rdent.mirantis.com \"r-1\"", conflict.StdErr, StringComparison.Ordinal);
        Assert.Equal($"{Resource}/r-1 replaced\n", (await OkAsync("replace", "-f", Write(f.Directory, "r2.yaml", Cd("r-1", region: "y")))).StdOut);
    }

    [Fact]
    public async Task Patch_merge_and_json_work_and_the_default_strategic_patch_is_refused()
    {
        await OkAsync("create", "-f", Write(f.Directory, "p.yaml", Cd("p-1")));
        Assert.Equal($"{Resource}/p-1 patched\n", (await OkAsync("patch", "cld", "p-1", "--type=merge", "-p", """{"spec":{"credential":"new-cred"}}""")).StdOut);
        await OkAsync("patch", "cld", "p-1", "--type=json", "-p", """[{"op":"replace","path":"/spec/template","value":"tmpl-2"}]""");
        var smp = await _kubectl.RunAsync("patch", "cld", "p-1", "-p", """{"spec":{"credential":"x"}}""");

        var spec = f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "p-1")!["spec"]!;
        Assert.Equal(("new-cred", "tmpl-2"), (spec["credential"]!.GetValue<string>(), spec["template"]!.GetValue<string>()));
        Assert.Equal(1, smp.ExitCode);
        Assert.StartsWith("error: application/strategic-merge-patch+json is not supported by k0rdent.mirantis.com/v1beta1, Kind=ClusterDeployment: ", smp.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Label_and_annotate_add_and_remove_metadata()
    {
        await OkAsync("create", "-f", Write(f.Directory, "l.yaml", Cd("l-1")));
        Assert.Equal($"{Resource}/l-1 labeled\n", (await OkAsync("label", "cld", "l-1", "tier=gold")).StdOut);
        Assert.Equal($"{Resource}/l-1 annotated\n", (await OkAsync("annotate", "cld", "l-1", "note=hello")).StdOut);
        await OkAsync("label", "cld", "l-1", "env-");
        var meta = f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "l-1")!["metadata"]!;
        Assert.Equal("""{"tier":"gold"}""", meta["labels"]!.ToJsonString());
        Assert.Equal("hello", meta["annotations"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_fields_fail_strict_validation_and_warn_otherwise()
    {
        var file = Write(f.Directory, "u.yaml", Cd("u-1", extraSpec: "  bogusField: 1"));
        var strict = await _kubectl.RunAsync("apply", "-f", file);
        var warn = await _kubectl.RunAsync("apply", "-f", file, "--validate=warn");
        Assert.Equal($"Error from server (BadRequest): error when creating \"{file}\": strict decoding error: unknown field \"spec.bogusField\"\n", strict.StdErr);
        Assert.Equal(("Warning: unknown field \"spec.bogusField\"\n", $"{Resource}/u-1 created\n"), (warn.StdErr, warn.StdOut));
    }

    [Fact]
    public async Task Schema_violations_are_reported_as_invalid()
    {
        var file = Write(f.Directory, "bad.yaml", Cd("bad-1").Replace("  template: aws-standalone-cp-1-0-43\n", "", StringComparison.Ordinal));
        var r = await _kubectl.RunAsync("apply", "-f", file);
        Assert.Equal((1, "The ClusterDeployment \"bad-1\" is invalid: spec.template: Required value\n"), (r.ExitCode, r.StdErr));
    }

    [Fact]
    public async Task Applying_into_a_missing_namespace_names_it()
    {
        var file = Write(f.Directory, "ns.yaml", Cd("n-1", ns: "nosuchns"));
        var r = await _kubectl.RunAsync("apply", "-f", file);
        Assert.Equal($"Error from server (NotFound): error when creating \"{file}\": namespaces \"nosuchns\" not found\n", r.StdErr);
    }

    [Fact]
    public async Task Generators_send_protobuf_for_namespaces_and_secrets()
    {
        Assert.Equal("namespace/team-a created\n", (await OkAsync("create", "namespace", "team-a")).StdOut);
        Assert.Equal("secret/s1 created\n", (await OkAsync("create", "secret", "generic", "s1", "--from-literal=a=b", "-n", "team-a")).StdOut);
        Assert.Equal("Yg==", (await OkAsync("get", "secret", "s1", "-n", "team-a", "-o", "jsonpath={.data.a}")).StdOut);
        Assert.Equal("Opaque", (await OkAsync("get", "secret", "s1", "-n", "team-a", "-o", "jsonpath={.type}")).StdOut);
    }

    [Fact]
    public async Task Core_kinds_apply_through_strategic_merge()
    {
        const string Manifest = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: team-b}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: team-b}
            stringData: {token: "VALUE"}
            """;
        Assert.Equal("namespace/team-b created\nsecret/creds created\n", (await OkAsync("apply", "-f", Write(f.Directory, "core.yaml", Manifest))).StdOut);
        var changed = (await OkAsync("apply", "-f", Write(f.Directory, "core2.yaml", Manifest.Replace("VALUE", "OTHER", StringComparison.Ordinal)))).StdOut;
        Assert.Equal("namespace/team-b unchanged\nsecret/creds configured\n", changed);
    }

    [Fact]
    public async Task Delete_waits_for_finalizers_to_go()
    {
        await OkAsync("create", "-f", Write(f.Directory, "d.yaml", Cd("d-1")));
        Assert.Equal($"{Resource} \"d-1\" deleted\n", (await OkAsync("delete", "cld", "d-1")).StdOut);

        var held = Cd("d-2").Replace("  labels:", "  finalizers: [k0rdent.mirantis.com/cluster-deployment]\n  labels:", StringComparison.Ordinal);
        await OkAsync("create", "-f", Write(f.Directory, "d2.yaml", held));
        var watches = f.Store.SubscriberCount;
        var deleting = _kubectl.RunAsync("delete", "cld", "d-2");
        await UntilWatchingAsync(f.Store, watches);
        var terminating = f.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "d-2")!;
        Assert.NotNull(terminating["metadata"]!["deletionTimestamp"]);
        terminating["metadata"]!.AsObject().Remove("finalizers");
        f.Store.Update(ResourceType.ClusterDeployment, terminating, "test-controller");

        var r = await deleting;
        Assert.Equal((0, $"{Resource} \"d-2\" deleted\n"), (r.ExitCode, r.StdOut));
    }

    private async Task<KubectlResult> OkAsync(params string[] args)
    {
        var r = await _kubectl.RunAsync(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }
}
