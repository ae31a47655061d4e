using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

public class ListCommandTests : IClassFixture<LiveViewSandbox>
{
    private readonly LiveViewSandbox _world;

    public ListCommandTests(LiveViewSandbox world)
    {
        _world = world;
    }

    [Fact]
    public async Task List_WhenClustersAreInEveryPhase_ShowsThemIncludingTheTraps()
    {
        var result = await _world.RunAsync("list");

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Stderr));
        Golden.Check("list.txt", Golden.MaskUids(result.Stdout));
    }

    [Fact]
    public async Task List_WhenAllNamespaces_AddsTheNamespaceColumn()
    {
        var result = await _world.RunAsync("list", "-A");

        Assert.Equal(0, result.ExitCode);
        Golden.Check("list-all-namespaces.txt", Golden.MaskUids(result.Stdout));
    }

    [Fact]
    public async Task List_WhenWide_AddsCredentialVersionWorkersDryRunAndUid()
    {
        var result = await _world.RunAsync("list", "-o", "wide");

        Assert.Equal(0, result.ExitCode);
        Golden.Check("list-wide.txt", Golden.MaskUids(result.Stdout));
    }

    [Theory]
    [InlineData("--phase", "Ready", "aws-uswest2-prod")]
    [InlineData("--phase", "provisioning", "aws-useast1-stale,azure-eastus-dev,azure-westeu-new")]
    [InlineData("--phase", "Failed", "aws-uswest2-test")]
    [InlineData("--phase", "Deleting", "gcp-useast4-stage")]
    [InlineData("--phase", "DryRun", "azure-dryrun")]
    [InlineData("--phase", "Ready,DryRun", "aws-uswest2-prod,azure-dryrun")]
    [InlineData("--provider", "azure", "azure-dryrun,azure-eastus-dev,azure-westeu-new")]
    [InlineData("--provider", "GCP", "gcp-useast4-stage")]
    [InlineData("--region", "us-west-2", "aws-uswest2-prod,aws-uswest2-test")]
    [InlineData("--region", "eastus,westeurope", "azure-dryrun,azure-eastus-dev,azure-westeu-new")]
    [InlineData("--template", "aws-standalone-cp-1-0-43", "aws-useast1-stale,aws-uswest2-prod,aws-uswest2-test")]
    [InlineData("-l", "env=dev", "azure-eastus-dev,azure-westeu-new")]
    [InlineData("-l", "env!=dev", "aws-useast1-stale,aws-uswest2-prod,aws-uswest2-test,azure-dryrun,gcp-useast4-stage")]
    public async Task List_WhenFiltered_KeepsOnlyMatchingClusters(string option, string value, string expected)
    {
        var result = await _world.RunAsync("list", option, value, "-o", "name");

        Assert.Equal(0, result.ExitCode);
        var names = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l["clusterdeployment.k0rdent.mirantis.com/".Length..]);
        Assert.Equal(expected, string.Join(',', names));
    }

    [Fact]
    public async Task List_WhenFiltersAreCombined_KeepsClustersMatchingAll()
    {
        var result = await _world.RunAsync("list", "-A", "--provider", "gcp", "--phase", "Ready", "-o", "name");

        Assert.Equal("clusterdeployment.k0rdent.mirantis.com/gcp-team-b\n", result.Stdout);
    }

    [Theory]
    [InlineData("--phase", "Running", "unknown phase 'Running': use one of Provisioning, Ready, Failed, Deleting, DryRun")]
    [InlineData("--provider", "alibaba", "unknown provider 'alibaba': use one of aws, azure, docker, gcp, openstack, vsphere")]
    public async Task List_WhenAFilterValueIsUnknown_IsUsageErrorListingTheChoices(string option, string value, string message)
    {
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = "/nonexistent/kubeconfig" };

        var result = await new TestCli(env).RunAsync("list", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {message}", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task List_WhenNothingMatches_SaysSoOnStderrAndSucceeds()
    {
        var result = await _world.RunAsync("list", "--region", "mars-1");

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Stdout));
        Assert.Equal("No clusters found in namespace kcm-system.\n", result.Stderr);
    }

    [Fact]
    public async Task List_WhenNothingIsInAnyNamespace_SaysInAnyNamespace()
    {
        var result = await _world.RunAsync("list", "-A", "--template", "none");

        Assert.Equal("No clusters found in any namespace.\n", result.Stderr);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task List_WhenStructured_IsAListOfTheServedObjects_EachWithItsChildctlBlock(string format)
    {
        var result = await _world.RunAsync("list", "-A", "-o", format);

        Assert.Equal(0, result.ExitCode);
        var list = (format == "json" ? JsonNode.Parse(result.Stdout) : YamlJson.Parse(result.Stdout))!;
        Assert.Equal(("v1", "List"), ((string?)list["apiVersion"], (string?)list["kind"]));
        var items = list["items"]!.AsArray();
        var expected = _world.Store.List(ResourceType.ClusterDeployment, null).Select(WithoutManagedFields).ToList();
        Assert.Equal(expected.Count, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var derived = items[i]!.AsObject()["childctl"];
            Assert.NotNull(derived);
            items[i]!.AsObject().Remove("childctl");
            Assert.True(JsonNode.DeepEquals(expected[i], items[i]), $"item {i} differs:\n{items[i]}\n{expected[i]}");
        }
    }

    [Fact]
    public async Task List_WhenJson_CarriesTheDerivedPhaseReadinessProviderAndRegionBesideEachObject()
    {
        var result = await _world.RunAsync("list", "-o", "json");

        var items = JsonNode.Parse(result.Stdout)!["items"]!.AsArray();
        var failed = items.Single(i => (string?)i!["metadata"]!["name"] == "aws-uswest2-test")!["childctl"]!;
        var stale = items.Single(i => (string?)i!["metadata"]!["name"] == "aws-useast1-stale")!["childctl"]!;
        Assert.Equal(("Failed", false, "aws", "us-west-2"), ((string?)failed["phase"], (bool)failed["ready"]!, (string?)failed["provider"], (string?)failed["region"]));
        // Ready=True on an older generation is not a Ready to trust: the block says Provisioning, not ready.
        Assert.Equal(("Provisioning", false), ((string?)stale["phase"], (bool)stale["ready"]!));
    }

    [Fact]
    public async Task List_WhenName_PrintsKindDotGroupSlashName()
    {
        var result = await _world.RunAsync("list", "--phase", "Failed", "-o", "name");

        Assert.Equal("clusterdeployment.k0rdent.mirantis.com/aws-uswest2-test\n", result.Stdout);
    }

    private static JsonNode WithoutManagedFields(JsonObject obj)
    {
        obj["metadata"]!.AsObject().Remove("managedFields");
        return obj;
    }
}
