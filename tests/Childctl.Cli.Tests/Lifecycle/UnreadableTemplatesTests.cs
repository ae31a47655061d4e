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

/// <summary>
/// With k0rdent's admission running, a change to a cluster whose ClusterTemplate is gone is denied with a 404 that names
/// the template, not the cluster. Delete must not take that for "already gone": the cluster is there, and is deleted.
/// </summary>
public sealed class TemplateGoneDeleteTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Delete_WhenAWebhookAnswers404ForTheTemplate_DeletesTheClusterAndRecordsNoFalseGone()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "tg-one", "--region", "us-east-1")).ExitCode);
        var crd = await fixture.Kubectl.RunAsync("delete", "crd", "clustertemplates.k0rdent.mirantis.com");
        Assert.True(crd.ExitCode == 0, crd.StdErr);
        var annotate = await fixture.Kubectl.RunAsync("annotate", "clusterdeployment", "tg-one", "-n", "kcm-system", "probe=1");
        Assert.Contains("(NotFound)", annotate.StdErr, StringComparison.Ordinal);

        var result = await run.RunAsync("delete", "tg-one", "--yes");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("tg-one (kcm-system) deleted", result.Stdout, StringComparison.Ordinal);
        var live = fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "tg-one");
        Assert.True(live is null || live["metadata"]?["deletionTimestamp"] is not null, live?.ToJsonString());
        var history = run.HistoryText("tg-one");
        Assert.Contains("action: cluster_deleted", history, StringComparison.Ordinal);
        Assert.Contains("provenance_stamp: \"not written\"", history, StringComparison.Ordinal);
        Assert.DoesNotContain("cluster_delete_skipped", history, StringComparison.Ordinal);
        Assert.Contains("ClusterTemplate", result.Stdout, StringComparison.Ordinal); // the server's reason, not "tg-one not found"
        Assert.DoesNotContain("\"tg-one\" in namespace \"kcm-system\" not found", result.Stdout, StringComparison.Ordinal);
    }
}
