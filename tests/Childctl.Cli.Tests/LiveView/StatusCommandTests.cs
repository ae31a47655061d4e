using System.Text.Json.Nodes;
using Childctl.History.Store;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

public class StatusCommandTests : IClassFixture<LiveViewSandbox>
{
    private readonly LiveViewSandbox _world;

    public StatusCommandTests(LiveViewSandbox world)
    {
        _world = world;
    }

    [Fact]
    public async Task Status_WhenProvisioning_ShowsPhaseConditionsEventsAndLocalHistory()
    {
        await RecordAsync("azure-eastus-dev", "cluster_created", "note_added");

        var result = await _world.RunAsync("status", "azure-eastus-dev");

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Stderr));
        Assert.DoesNotContain("SuccessfulDelete", result.Stdout, StringComparison.Ordinal);
        Golden.Check("status-provisioning.txt", Golden.MaskUids(result.Stdout.Replace(_world.HistoryDirectory, "<history-dir>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Status_WhenReady_ShowsServicesAndTheKubeconfigSecretButNotItsContent()
    {
        var result = await _world.RunAsync("describe", "aws-uswest2-prod");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("secret-kubeconfig-content", result.Stdout, StringComparison.Ordinal);
        Golden.Check("status-ready.txt", Golden.MaskUids(result.Stdout.Replace(_world.HistoryDirectory, "<history-dir>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Status_WhenDeleting_IndentsTheMultiLineMessages()
    {
        var result = await _world.RunAsync("status", "gcp-useast4-stage");

        Assert.Equal(0, result.ExitCode);
        Golden.Check("status-deleting.txt", Golden.MaskUids(result.Stdout.Replace(_world.HistoryDirectory, "<history-dir>", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("aws-useast1-stale", "Phase:               Provisioning: spec changed (generation 2); k0rdent has observed only generation 1")]
    [InlineData("azure-dryrun", "Phase:               DryRun: dry run: configuration valid, nothing deployed")]
    [InlineData("aws-uswest2-test", "Phase:               Failed: HelmChartReady: failed to validate template with provided configuration: at '/controlPlane/rootVolumeSize': minimum: got 4, want 8")]
    public async Task Status_WhenTheReadyIsStale_UsesThePhaseRule(string name, string line)
    {
        var result = await _world.RunAsync("status", name);

        Assert.Contains(line + "\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Ready:               False\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WhenTheClusterIsMissing_IsNotFoundNamingKindNamespaceAndName()
    {
        var result = await _world.RunAsync("status", "nope");

        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith("error: ClusterDeployment \"nope\" in namespace \"kcm-system\" not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WhenOnlyHistoryKnowsTheCluster_IsNotFound()
    {
        await RecordAsync("ghost-cluster", "cluster_created", "observed_ready");

        var status = await _world.RunAsync("status", "ghost-cluster");
        var list = await _world.RunAsync("list", "-A", "-o", "wide");

        Assert.Equal(3, status.ExitCode);
        Assert.Contains("\"ghost-cluster\" in namespace \"kcm-system\" not found", status.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.DoesNotContain("ghost-cluster", list.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task Status_WhenStructured_IsTheObjectItself(string format)
    {
        var result = await _world.RunAsync("status", "aws-uswest2-test", "-o", format);

        Assert.Equal(0, result.ExitCode);
        var parsed = format == "json" ? JsonNode.Parse(result.Stdout) : YamlJson.Parse(result.Stdout);
        var expected = _world.Store.Get(ResourceType.ClusterDeployment, LiveViewSandbox.Ns, "aws-uswest2-test")!;
        expected["metadata"]!.AsObject().Remove("managedFields");
        Assert.Equal("Failed", (string?)parsed!["childctl"]!["phase"]);
        parsed.AsObject().Remove("childctl");
        Assert.True(JsonNode.DeepEquals(expected, parsed), result.Stdout);
    }

    [Fact]
    public async Task Status_WhenAllNamespaces_IsUsageError()
    {
        var result = await _world.RunAsync("status", "x", "-A");

        Assert.Equal(2, result.ExitCode);
    }

    private async Task RecordAsync(string name, params string[] actions)
    {
        var store = new FileHistoryStore(_world.HistoryDirectory);
        var stream = new HistoryStreamId(_world.ManagementClusterName, LiveViewSandbox.Ns, name);
        var at = new DateTimeOffset(2026, 9, 2, 9, 14, 5, TimeSpan.Zero);
        var events = actions.Select((action, i) => new HistoryEvent
        {
            Timestamp = at.AddMinutes(i),
            Id = $"test-{name}-{i}",
            Action = action,
            User = "rbias",
            Result = action.StartsWith("cluster_", StringComparison.Ordinal) ? "succeeded" : null,
            Reason = action == "note_added" ? "testing the dev cluster" : null,
            Source = "childctl",
        }).ToList();
        await store.AppendAsync(stream, events);
    }
}
