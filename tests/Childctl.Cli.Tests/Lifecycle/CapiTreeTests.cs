using System.Text.Json;
using System.Text.RegularExpressions;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// <c>status NAME --tree</c> against the simulated Cluster API: the objects behind a cluster under their owners, with
/// their Ready conditions, as golden files (the clock stands 30 days on, so every SINCE reads 30d; the random suffixes of
/// the worker MachineSet and Machines are masked), and the same objects as real kubectl lists them.
/// </summary>
public sealed partial class CapiTreeTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task StatusTree_WhenTheClusterIsReady_ShowsEachCapiObjectUnderItsOwner()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "tree-ready", "--region", "us-west-2", "--wait")).ExitCode);
        run.Time = new TestClock(DateTimeOffset.UtcNow.AddDays(30));

        Check("status-tree-ready.txt", await run.RunAsync("status", "tree-ready", "--tree"));
    }

    [Fact]
    public async Task StatusTree_WhenTheInfrastructureFailsOnATerminal_CutsTheMessagesToItsWidth()
    {
        var run = fixture.NewRun();
        Assert.Equal(7, (await run.RunAsync("create", "gcp", "tree-failing", "--region", "us-east4", "--project", "p", "--worker-number", "1",
            "--cluster-annotations", "sandbox.childctl.dev/fail-at=infrastructure", "--wait")).ExitCode);
        run.Time = new TestClock(DateTimeOffset.UtcNow.AddDays(30));
        run.StdoutIsTerminal = true;
        run.TerminalWidth = 100;
        run.Environment["NO_COLOR"] = "1";

        var result = await run.RunAsync("status", "tree-failing", "--tree");

        Check("status-tree-failing-100.txt", result);
        Assert.All(result.Stdout.TrimEnd('\n').Split('\n'), line => Assert.True(line.Length <= 100, line));
    }

    [Fact]
    public async Task StatusTree_WhenBeforeCapiHasACluster_SaysSoAndExitsZero()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "tree-early", "--region", "us-west-2",
            "--cluster-annotations", "sandbox.childctl.dev/fail-at=helm-chart")).ExitCode);

        var result = await run.RunAsync("status", "tree-early", "--tree");

        Assert.Equal((0, string.Empty, "No CAPI objects for ClusterDeployment kcm-system/tree-early yet: Cluster API has not created its Cluster.\n"),
            (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task StatusTree_WhenTheClusterDoesNotExist_IsNotFound()
    {
        var result = await fixture.NewRun().RunAsync("status", "tree-never", "--tree");

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task StatusTree_ShowsTheObjectsKubectlGetsByTheClusterNameLabel()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "azure", "tree-kubectl", "--location", "eastus", "--subscription-id", "s", "--wait")).ExitCode);

        var tree = await run.RunAsync("status", "tree-kubectl", "--tree", "-o", "name");
        var cluster = await fixture.Kubectl.RunAsync("get", "clusters.cluster.x-k8s.io", "tree-kubectl", "-n", "kcm-system", "-o", "name");
        var labelled = await fixture.Kubectl.RunAsync("get", "machinedeployments,machinesets,machines,k0scontrolplanes,azureclusters",
            "-n", "kcm-system", "-l", "cluster.x-k8s.io/cluster-name=tree-kubectl", "-o", "name");

        Assert.Equal(0, tree.ExitCode);
        Assert.True(cluster.ExitCode == 0 && labelled.ExitCode == 0, cluster + "\n" + labelled);
        Assert.Equal(Lines(cluster.StdOut + labelled.StdOut), Lines(tree.Stdout));
        Assert.Equal(10, Lines(tree.Stdout).Count); // Cluster, AzureCluster, K0sControlPlane, 3 control-plane Machines, MachineDeployment, MachineSet, 2 workers
    }

    [Fact]
    public async Task StatusTree_WithOutputJson_IsAListOfTheObjectsAsKubectlServesThem()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "tree-json", "--region", "us-west-2", "--wait")).ExitCode);

        var tree = await run.RunAsync("status", "tree-json", "--tree", "-o", "json");
        var machines = await fixture.Kubectl.RunAsync("get", "machines", "-n", "kcm-system", "-l", "cluster.x-k8s.io/cluster-name=tree-json", "-o", "json");

        using var ours = JsonDocument.Parse(tree.Stdout);
        using var theirs = JsonDocument.Parse(machines.StdOut);
        Assert.Equal("List", ours.RootElement.GetProperty("kind").GetString());
        var ourMachines = ours.RootElement.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == "Machine")
            .Select(i => (i.GetProperty("metadata").GetProperty("uid").GetString(), Ready(i))).Order().ToList();
        var kubectlMachines = theirs.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("metadata").GetProperty("uid").GetString(), Ready(i))).Order().ToList();
        Assert.Equal(kubectlMachines, ourMachines);
        Assert.Equal("Cluster", ours.RootElement.GetProperty("items")[0].GetProperty("kind").GetString());
    }

    private static string? Ready(JsonElement item) => item.GetProperty("status").GetProperty("conditions").EnumerateArray()
        .First(c => c.GetProperty("type").GetString() == "Ready").GetProperty("status").GetString();

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private static void Check(string name, CliResult result) =>
        LifecycleGoldenTests.Check(name, result with { Stdout = MachineSet().Replace(Machine().Replace(result.Stdout, "-md-xxxxx-yyyyy"), "-md-xxxxx") });

    /// <summary>A worker Machine's random suffixes, masked with as many characters so that the table keeps its alignment.</summary>
    [GeneratedRegex("-md-[a-z0-9]{5}-[a-z0-9]{5}")]
    private static partial Regex Machine();

    [GeneratedRegex(@"-md-[a-z0-9]{5}\b")]
    private static partial Regex MachineSet();
}
