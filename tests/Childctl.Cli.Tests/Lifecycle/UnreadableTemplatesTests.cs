using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// A user who can read ClusterDeployments but not ClusterTemplates: <c>list</c> shows the clusters with the provider
/// unknown, and <c>delete</c>, which reads the same way, still deletes them. The class has its own still sandbox, whose
/// ClusterTemplate kind the test removes: every list of templates then answers 404, as on a server without the CRD.
/// </summary>
public sealed class UnreadableTemplatesTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task ListAndDelete_WhenTemplatesCannotBeRead_BothStillSeeTheClusters()
    {
        fixture.Seed("nt-one", "True", "Succeeded", DateTimeOffset.UtcNow.AddHours(-1), ["env=nt"]);
        fixture.Seed("nt-two", "True", "Succeeded", DateTimeOffset.UtcNow.AddHours(-1), ["env=nt"]);
        var crd = await fixture.Kubectl.RunAsync("delete", "crd", "clustertemplates.k0rdent.mirantis.com");
        Assert.True(crd.ExitCode == 0, crd.StdErr);
        var templates = await fixture.Kubectl.RunAsync("get", "clustertemplates.k0rdent.mirantis.com", "-A");
        Assert.NotEqual(0, templates.ExitCode);
        var run = fixture.NewRun();

        var list = await run.RunAsync("list", "-l", "env=nt");
        var byName = await run.RunAsync("delete", "nt-one", "--yes");
        var bySelector = await run.RunAsync("delete", "-l", "env=nt", "--yes");

        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("nt-one", list.Stdout, StringComparison.Ordinal);
        Assert.True(byName.ExitCode == 0, byName.Stderr);
        Assert.Contains("nt-one (kcm-system) deleted", byName.Stdout, StringComparison.Ordinal);
        Assert.True(bySelector.ExitCode == 0, bySelector.Stderr);
        Assert.Contains("nt-two (kcm-system) deleted", bySelector.Stdout, StringComparison.Ordinal);
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, StillSandbox.Ns, "nt-one"));
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, StillSandbox.Ns, "nt-two"));
        Assert.Contains("action: cluster_deleted", run.HistoryText("nt-two"), StringComparison.Ordinal);
    }
}
