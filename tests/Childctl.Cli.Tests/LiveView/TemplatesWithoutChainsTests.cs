using Childctl.Cli.Tests.Lifecycle;
using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>A management cluster without the ClusterTemplateChain kind (older k0rdent, or the CRD removed).</summary>
public sealed class TemplatesWithoutChainsTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    private static readonly ResourceType Crds = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);

    [Fact]
    public async Task Templates_WhenNoChainsAreServed_ShowNoTargetsAndSayWhy()
    {
        fixture.Sandbox.Store.Delete(Crds, null, "clustertemplatechains.k0rdent.mirantis.com");

        var result = await fixture.NewRun().RunAsync("templates");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("note: this management cluster serves no ClusterTemplateChains, so no upgrade targets are known\n", result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var column = lines[0].IndexOf("UPGRADE TARGETS", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("<none> ", line[column..] + " ", StringComparison.Ordinal));
    }
}
