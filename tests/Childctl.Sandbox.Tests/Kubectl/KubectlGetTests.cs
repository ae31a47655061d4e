using System.Text.RegularExpressions;

namespace Childctl.Sandbox.Tests.Kubectl;

public sealed class KubectlGetTests(GetSandboxFixture f) : IClassFixture<GetSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task Get_prints_the_printer_columns_as_a_table()
    {
        var lines = await LinesAsync("get", "clusterdeployments");
        Assert.Equal(["NAME", "READY", "SERVICES", "TEMPLATE", "MESSAGES", "AGE"], Cells(lines[0]));
        Assert.Equal(["demo-1", "True", "1/1", "aws-standalone-cp-1-0-43", "Object is ready"], Cells(lines[1])[..5]);
        Assert.Matches(@"^demo-2\s+aws-standalone-cp-1-0-43\s+\d+s$", lines[2]);
    }

    [Fact]
    public async Task Get_all_namespaces_and_wide_add_their_columns()
    {
        var all = await LinesAsync("get", "cld", "-A");
        var wide = await LinesAsync("get", "cld", "-o", "wide");
        Assert.Equal("NAMESPACE", Cells(all[0])[0]);
        Assert.Equal(3, all.Count - 1);
        Assert.Contains(all, l => l.StartsWith("default", StringComparison.Ordinal) && l.Contains("other-1", StringComparison.Ordinal));
        Assert.Equal("DRYRUN", Cells(wide[0])[^1]);
        Assert.EndsWith("false", wide[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clusterdeployments")]
    [InlineData("clusterdeployment")]
    [InlineData("cld")]
    [InlineData("clusterd")]
    [InlineData("clusterdeployments.k0rdent.mirantis.com")]
    public async Task Every_name_of_the_kind_resolves(string name)
    {
        var r = await _kubectl.RunAsync("get", name, "demo-1", "-o", "name");
        Assert.Equal((0, "clusterdeployment.k0rdent.mirantis.com/demo-1\n"), (r.ExitCode, r.StdOut));
    }

    [Fact]
    public async Task The_k0rdent_category_lists_our_kinds()
    {
        var r = await _kubectl.RunAsync("get", "k0rdent", "-o", "name");
        var names = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["clusterdeployment.k0rdent.mirantis.com/demo-1", "clusterdeployment.k0rdent.mirantis.com/demo-2"],
            names.Where(n => n.StartsWith("clusterdeployment.", StringComparison.Ordinal)));
        Assert.Contains("clustertemplate.k0rdent.mirantis.com/azure-standalone-cp-1-0-45", names); // seeded by the world
        Assert.Contains("credential.k0rdent.mirantis.com/azure-cluster-identity-cred", names);
        Assert.Contains("clustertemplatechain.k0rdent.mirantis.com/azure-standalone-cp", names);
    }

    [Fact]
    public async Task The_installation_is_described_by_the_cluster_scoped_Management_and_its_Release()
    {
        var management = await LinesAsync("get", "management");
        var release = await _kubectl.RunAsync("get", "release", SandboxVersion.K0rdentRelease, "-o", "jsonpath={.spec.version}");
        var namespaced = await _kubectl.RunAsync("get", "managements", "-n", "kcm-system", "-o", "name");
        Assert.Equal(["NAME", "READY", "RELEASE", "AGE"], Cells(management[0]));
        Assert.Equal(["kcm", "True", SandboxVersion.K0rdentRelease], Cells(management[1])[..3]);
        Assert.Equal((0, SandboxVersion.K0rdentVersion), (release.ExitCode, release.StdOut));
        Assert.Equal((0, "management.k0rdent.mirantis.com/kcm\n"), (namespaced.ExitCode, namespaced.StdOut)); // -n ignored for a cluster-scoped kind
    }

    [Fact]
    public async Task Label_selection_and_show_labels()
    {
        var lines = await LinesAsync("get", "cld", "-A", "-l", "env=dev", "--show-labels");
        Assert.Equal("LABELS", Cells(lines[0])[^1]);
        Assert.Equal(["demo-1", "other-1"], lines.Skip(1).Select(l => Cells(l)[1]).Order());
        Assert.All(lines.Skip(1), l => Assert.EndsWith("env=dev", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_and_yaml_output_carry_the_objects()
    {
        var json = await _kubectl.RunAsync("get", "cld", "-o", "json");
        var yaml = await _kubectl.RunAsync("get", "cld", "demo-1", "-o", "yaml");
        Assert.Contains("\"kind\": \"List\"", json.StdOut, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(json.StdOut, "\"kind\": \"ClusterDeployment\""));
        Assert.Contains("  name: demo-1\n", yaml.StdOut, StringComparison.Ordinal);
        Assert.Contains("    message: Object is ready\n", yaml.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Core_kinds_print_the_apiserver_columns()
    {
        var secrets = await LinesAsync("get", "secrets");
        var namespaces = await LinesAsync("get", "ns");
        Assert.Equal(["NAME", "TYPE", "DATA", "AGE"], Cells(secrets[0]));
        Assert.Equal(["demo-1-kubeconfig", "cluster.x-k8s.io/secret", "1"], Cells(secrets[1])[..3]);
        Assert.Equal(["NAME", "STATUS", "AGE"], Cells(namespaces[0]));
        Assert.Contains(namespaces, l => Cells(l).Take(2).SequenceEqual(["kcm-system", "Active"]));
    }

    [Fact]
    public async Task Events_are_selected_by_field_and_printed_with_their_columns()
    {
        var lines = await LinesAsync("get", "events", "--field-selector", "involvedObject.name=demo-1,reason=HelmReleaseIsReady");
        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], Cells(lines[0]));
        Assert.Equal(["Normal", "HelmReleaseIsReady", "clusterdeployment/demo-1", "HelmRelease is ready"], Cells(lines[1])[1..]);
        var none = await _kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=demo-2");
        Assert.Equal("No resources found in kcm-system namespace.\n", none.StdErr);
    }

    [Fact]
    public async Task Describe_shows_the_object_and_its_events()
    {
        var r = await _kubectl.RunAsync("describe", "cld", "demo-1");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"Name:\s+demo-1\n", r.StdOut);
        Assert.Matches(@"Template:\s+aws-standalone-cp-1-0-43", r.StdOut);
        Assert.Matches(@"Normal\s+HelmReleaseIsReady\s+\S+ \(x2 over \S+\)\s+kcm-controller-manager\s+HelmRelease is ready", r.StdOut);
    }

    [Fact]
    public async Task A_missing_object_is_reported_as_upstream_does()
    {
        var r = await _kubectl.RunAsync("get", "cld", "nope");
        Assert.Equal((1, "Error from server (NotFound): clusterdeployments.k0rdent.mirantis.com \"nope\" not found\n"), (r.ExitCode, r.StdErr));
    }

    [Fact]
    public async Task Api_resources_and_explain_describe_the_kinds()
    {
        var resources = await _kubectl.RunAsync("api-resources", "--api-group=k0rdent.mirantis.com");
        var explain = await _kubectl.RunAsync("explain", "clusterdeployment.spec");
        Assert.Matches(@"clusterdeployments\s+clusterd,cld\s+k0rdent.mirantis.com/v1beta1\s+true\s+ClusterDeployment", resources.StdOut);
        Assert.Matches(@"template\s+<string> -required-", explain.StdOut);
    }

    [Fact]
    public async Task Whoami_and_the_viewer_limits()
    {
        var whoami = await _kubectl.RunAsync("auth", "whoami");
        var denied = await f.ReadOnlyKubectl.RunAsync("delete", "cld", "demo-2");
        var canI = await f.ReadOnlyKubectl.RunAsync("auth", "can-i", "delete", "clusterdeployments");
        Assert.Matches(@"Username\s+sandbox-admin", whoami.StdOut);
        Assert.Equal(1, denied.ExitCode);
        Assert.Equal("Error from server (Forbidden): clusterdeployments.k0rdent.mirantis.com \"demo-2\" is forbidden: User \"sandbox-viewer\" cannot delete resource \"clusterdeployments\" in API group \"k0rdent.mirantis.com\" in the namespace \"kcm-system\"\n", denied.StdErr);
        Assert.Equal("no\n", canI.StdOut);
    }

    private async Task<List<string>> LinesAsync(params string[] args)
    {
        var r = await _kubectl.RunAsync(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>Table cells: kubectl separates columns by at least three spaces (empty cells vanish).</summary>
    private static string[] Cells(string line) => Regex.Split(line.Trim(), @"\s{3,}");
}
