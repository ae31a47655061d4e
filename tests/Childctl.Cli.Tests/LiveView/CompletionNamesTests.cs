namespace Childctl.Cli.Tests.LiveView;

/// <summary>Tab completion of an existing cluster's NAME asks the API (with a short limit).</summary>
public sealed class CompletionNamesTests(LiveViewSandbox world) : IClassFixture<LiveViewSandbox>
{
    [Theory]
    [InlineData("childctl status aws-", "aws-useast1-stale\naws-uswest2-prod\naws-uswest2-test\n")]
    [InlineData("childctl delete azure-dryrun gcp", "gcp-useast4-stage\n")]
    public async Task Suggest_WhenTheArgumentIsAClusterName_OffersTheClustersTheApiLists(string line, string expected)
    {
        var result = await world.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal((0, expected), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task Suggest_WhenTheLineNamesANamespace_OffersThatNamespacesClusters()
    {
        const string line = "childctl -n team-b wait ";

        var result = await world.RunAsync($"[suggest:{line.Length}]", line);

        var candidates = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("gcp-team-b", candidates);
        Assert.DoesNotContain("aws-uswest2-prod", candidates);
    }

    [Fact]
    public async Task Suggest_WhenTheNameIsANewClusters_OffersNoExistingNames()
    {
        const string line = "childctl create aws aws-";

        var result = await world.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(string.Empty, result.Stdout.Trim());
    }
}
