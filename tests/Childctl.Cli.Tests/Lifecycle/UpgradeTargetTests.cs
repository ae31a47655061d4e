using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// A ClusterTemplateChain is the platform team's word and may offer a target that is not valid, does not exist, or is
/// for another cloud; upgrade checks the target as create checks its template, and changes nothing when it fails.
/// </summary>
public sealed class UpgradeTargetTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Theory]
    [InlineData("azure-standalone-cp-1-0-46", 2, "ClusterTemplate \"azure-standalone-cp-1-0-46\" is not valid (")]
    [InlineData("aws-standalone-cp-1-0-43", 2, "ClusterTemplate \"aws-standalone-cp-1-0-43\" is for aws, but ClusterDeployment \"ut-")]
    [InlineData("azure-standalone-cp-9-9-9", 3, "ClusterTemplate \"azure-standalone-cp-9-9-9\" not found in namespace \"kcm-system\", though status.availableUpgrades names it")]
    public async Task Upgrade_WhenTheChainOffersATargetCreateWouldRefuse_RefusesItLeavingTheCluster(string target, int exit, string message)
    {
        AddChain("bad-targets-" + exit + target.Length, "azure-standalone-cp-1-0-45", target);
        var run = fixture.NewRun();
        var name = $"ut-{target.Length}-{exit}";
        Assert.Equal(0, (await run.RunAsync("create", "azure", name, "--location", "eastus", "--subscription-id", "s",
            "--template", "azure-standalone-cp-1-0-45", "--wait")).ExitCode);
        Assert.Contains(target, (await run.RunAsync("upgrade", name, "--list")).Stdout, StringComparison.Ordinal);

        var result = await run.RunAsync("upgrade", name, "--to", target);

        Assert.Equal(exit, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        using var live = JsonDocument.Parse((await run.RunAsync("status", name, "-o", "json")).Stdout);
        Assert.Equal("azure-standalone-cp-1-0-45", live.RootElement.GetProperty("spec").GetProperty("template").GetString());
        Assert.DoesNotContain("action: cluster_upgraded\n", run.HistoryText(name), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggest_WhenTheOptionIsUpgradeTo_OffersTheNamedClustersAvailableUpgrades()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "ut-complete", "--region", "us-west-2", "--template", "aws-standalone-cp-1-0-42", "--wait")).ExitCode);
        const string line = "childctl upgrade ut-complete --to ";

        var result = await run.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal((0, "aws-standalone-cp-1-0-43\n"), (result.ExitCode, result.Stdout));
    }

    private void AddChain(string name, string from, string to) =>
        fixture.Sandbox.Store.Create(ResourceType.ClusterTemplateChain, new JsonObject
        {
            ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
            ["kind"] = "ClusterTemplateChain",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kcm-system" },
            ["spec"] = new JsonObject
            {
                ["supportedTemplates"] = new JsonArray(new JsonObject
                {
                    ["name"] = from,
                    ["availableUpgrades"] = new JsonArray(new JsonObject { ["name"] = to }),
                }),
            },
        }, "kubectl-client-side-apply");
}
