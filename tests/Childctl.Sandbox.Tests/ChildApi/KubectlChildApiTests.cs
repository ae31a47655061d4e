using System.Text;
using Childctl.Testing;
using k8s;
using static Childctl.Sandbox.Tests.Kubectl.KubectlFiles;

namespace Childctl.Sandbox.Tests.ChildApi;

/// <summary>
/// The kubeconfig in a Ready cluster's <c>&lt;name&gt;-kubeconfig</c> Secret, used as a user would: real kubectl (and the
/// official C# client) load it, trust the child API's own CA, and see one Node per simulated machine, following a scale.
/// </summary>
public sealed class KubectlChildApiTests(FakeTimeSandboxFixture f) : IClassFixture<FakeTimeSandboxFixture>
{
    private readonly Testing.Kubectl _kubectl = f.Kubectl;

    [Fact]
    public async Task Get_nodes_shows_one_Ready_node_per_machine_and_follows_a_scale()
    {
        var kubeconfig = await ReadyClusterAsync("nodes-1", workers: 2);
        var child = f.KubectlWith(kubeconfig);

        var nodes = await OkAsync(child, "get", "nodes", "--no-headers");
        var machines = await OkAsync(_kubectl, "get", "machines", "-n", "kcm-system", "-l", "cluster.x-k8s.io/cluster-name=nodes-1", "-o", "jsonpath={.items[*].metadata.name}");

        var rows = Rows(nodes.StdOut);
        Assert.Equal(machines.StdOut.Split(' ').Order(StringComparer.Ordinal), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(("Ready", "v1.36.3+k0s"), (r[1], r[4])));
        Assert.Equal(["control-plane", "<none>", "<none>"], rows.Select(r => r[2]).OrderBy(r => r[0] == '<' ? 1 : 0));

        await OkAsync(_kubectl, "patch", "cld", "nodes-1", "--type=merge", "-p", """{"spec":{"config":{"workersNumber":4}}}""");
        var after = 0;
        await StepUntilAsync(10, async () => (after = Rows((await OkAsync(child, "get", "nodes", "--no-headers")).StdOut).Count) == 5);

        Assert.Equal(5, after);
    }

    [Fact]
    public async Task Get_namespaces_and_version_work_and_a_node_can_be_read()
    {
        var child = f.KubectlWith(await ReadyClusterAsync("ns-1", workers: 1));

        var namespaces = await OkAsync(child, "get", "ns");
        var version = await OkAsync(child, "version");
        var node = await OkAsync(child, "get", "node", "ns-1-cp-0", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status} {.metadata.labels.node-role\\.kubernetes\\.io/control-plane}");

        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], Rows(namespaces.StdOut).Skip(1).Select(r => r[0]));
        Assert.Contains("Server Version: v1.36.3+k0s", version.StdOut, StringComparison.Ordinal);
        Assert.Equal("True true", node.StdOut);
    }

    [Fact]
    public async Task A_wrong_token_is_unauthorized_and_a_deleted_cluster_is_unavailable()
    {
        var kubeconfig = await ReadyClusterAsync("gone-1", workers: 1);
        var forged = Write(f.Directory, "forged.kubeconfig", System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(kubeconfig), "token: .*", "token: nope"));

        var unauthorized = await f.KubectlWith(forged).RunAsync("get", "nodes");
        await OkAsync(_kubectl, "delete", "cld", "gone-1", "--wait=false");
        await f.AdvanceAsync(TimeSpan.FromMinutes(10));
        var unavailable = await f.KubectlWith(kubeconfig).RunAsync("get", "nodes");

        Assert.EndsWith("error: You must be logged in to the server (the server has asked for the client to provide credentials)\n", unauthorized.StdErr, StringComparison.Ordinal); // after discovery's own log lines, as with the management API
        Assert.Equal(1, unavailable.ExitCode);
        Assert.EndsWith("Error from server (ServiceUnavailable): the server is currently unable to handle the request\n", unavailable.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_official_CSharp_client_loads_the_kubeconfig_and_lists_the_nodes()
    {
        var kubeconfig = await ReadyClusterAsync("csharp-1", workers: 2);

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var nodes = await client.CoreV1.ListNodeAsync();

        Assert.Equal(3, nodes.Items.Count);
        Assert.All(nodes.Items, n => Assert.Equal("True", n.Status.Conditions.Single(c => c.Type == "Ready").Status));
    }

    /// <summary>Applies a cluster, lets it provision, and writes its kubeconfig Secret's value to a 0600 file.</summary>
    /// <summary>
    /// Steps the fake clock a minute at a time, at least <paramref name="minutes"/> minutes and at most twice that, until
    /// <paramref name="done"/> holds: the controller may see a change only after the first step, so one big step can
    /// leave its timers in the future. The state, not a timeout, ends the loop.
    /// </summary>
    private async Task StepUntilAsync(int minutes, Func<Task<bool>> done)
    {
        for (var step = 1; step <= 2 * minutes; step++)
        {
            await f.AdvanceAsync(TimeSpan.FromMinutes(1));
            if (step >= minutes && await done())
            {
                return;
            }
        }
    }

    private async Task<string> ReadyClusterAsync(string name, int workers)
    {
        await OkAsync(_kubectl, "apply", "-f", Write(f.Directory, name + ".yaml", $"""
            apiVersion: k0rdent.mirantis.com/v1beta1
            kind: ClusterDeployment
            metadata: {"{"}name: {name}, namespace: kcm-system{"}"}
            spec:
              template: azure-standalone-cp-1-0-45
              credential: azure-cluster-identity-cred
              config:
                location: eastus
                subscriptionID: 00000000-1111-2222-3333-444444444444
                controlPlaneNumber: 1
                controlPlane: {"{"}vmSize: Standard_A4_v2{"}"}
                workersNumber: {workers}
                worker: {"{"}vmSize: Standard_A4_v2{"}"}
            """));
        await StepUntilAsync(15, async () => (await OkAsync(_kubectl, "get", "cld", name, "-n", "kcm-system", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).StdOut == "True");
        await OkAsync(_kubectl, "wait", "--for=condition=Ready", "cld/" + name, "--timeout=10s");
        var value = await OkAsync(_kubectl, "get", "secret", name + "-kubeconfig", "-n", "kcm-system", "-o", "jsonpath={.data.value}");
        var path = Path.Combine(f.Directory, name + ".kubeconfig");
        File.WriteAllText(path, Encoding.UTF8.GetString(Convert.FromBase64String(value.StdOut)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }

    private static List<string[]> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    private static async Task<KubectlResult> OkAsync(Testing.Kubectl kubectl, params string[] args)
    {
        var r = await kubectl.RunAsync(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }
}
