using System.Text.Json.Nodes;
using Childctl.Core.Operations.Delete;
using Childctl.Core.Operations.Kubeconfig;
using Childctl.Core.Operations.Listing;
using Childctl.History.Store;
using Childctl.Kubernetes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Core.Tests.Operations;

/// <summary>
/// The delete workflow's own account of the kubeconfig contexts it leaves behind: those that <c>kubeconfig --merge</c>
/// added for a cluster the delete removed, against a sandbox with the controller off (a DELETE removes the object at once).
/// </summary>
public sealed class DeleteMergedContextsTests(BareSandboxFixture fixture) : IClassFixture<BareSandboxFixture>, IDisposable
{
    private readonly TempDirectory _dir = new("childctl-delete-contexts");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_WhenMergedContextsPointAtDeletedClusters_NamesThemInTheSummaryAndNoOthers()
    {
        AddCluster("dc-1", "dev");
        AddCluster("dc-2", "dev");
        AddCluster("dc-3", "prod");
        var kubeconfig = _dir.Combine("kubeconfig");
        File.Copy(fixture.KubeconfigPath, kubeconfig);
        foreach (var name in new[] { "dc-1", "dc-2", "dc-3" })
        {
            await MergeAsync(kubeconfig, name);
        }

        using var session = Session(kubeconfig);

        var request = new DeleteRequest { Filter = new ClusterFilter { LabelSelector = "env=dev" }, Yes = true };
        var summary = await new DeleteClustersService(session).RunAsync(request, new NoOneToAsk(), CancellationToken.None);

        Assert.Equal(["dc-1", "dc-2"], summary.Results.Select(r => r.Item.Name));
        Assert.Equal(
            [new MergedContext("dc-1", kubeconfig, "kcm-system", "dc-1"), new MergedContext("dc-2", kubeconfig, "kcm-system", "dc-2")],
            summary.MergedContexts);
    }

    [Fact]
    public async Task Run_WhenItIsADryRun_NamesNoContexts()
    {
        AddCluster("dc-dry", "dry");
        var kubeconfig = _dir.Combine("kubeconfig-dry");
        File.Copy(fixture.KubeconfigPath, kubeconfig);
        await MergeAsync(kubeconfig, "dc-dry");
        using var session = Session(kubeconfig);

        var request = new DeleteRequest { Filter = new ClusterFilter { LabelSelector = "env=dry" }, DryRun = true };
        var summary = await new DeleteClustersService(session).RunAsync(request, new NoOneToAsk(), CancellationToken.None);

        Assert.Empty(summary.Results);
        Assert.Empty(summary.MergedContexts);
    }

    private Session Session(string kubeconfig) =>
        new(new SessionOptions { KubeconfigPath = kubeconfig, HistoryDirectory = _dir.Combine("history"), Environment = _ => null }, new InMemoryHistoryStore());

    /// <summary>Merges a child named <paramref name="name"/> as <c>kubeconfig --merge</c> does, marked for the sandbox's management cluster.</summary>
    private static Task<MergeResult> MergeAsync(string kubeconfig, string name) =>
        MergedKubeconfigs.MergeAsync(KubeconfigFiles.For(kubeconfig, null, _ => null), KubeconfigMergerTests.Child, name,
            new KubeconfigMerger.Origin(KubeconfigResolver.Resolve(kubeconfig, null, null, _ => null).ClusterName, "kcm-system", name),
            use: false, force: false, CancellationToken.None);

    private void AddCluster(string name, string env) => fixture.Store.Create(ResourceType.ClusterDeployment, new JsonObject
    {
        ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
        ["kind"] = "ClusterDeployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kcm-system", ["labels"] = new JsonObject { ["env"] = env } },
        ["spec"] = new JsonObject
        {
            ["template"] = "azure-standalone-cp-1-0-44",
            ["credential"] = "azure-cluster-identity-cred",
            ["config"] = new JsonObject { ["location"] = "eastus", ["subscriptionID"] = "s" },
        },
    }, "test");

    private sealed class NoOneToAsk : IDeleteInteraction
    {
        public bool CanAsk => false;

        public void OnPlan(DeletePlan plan)
        {
        }

        public Task<string?> AskAsync(string question, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public void OnStoppedAfterPlan(DeletePlan plan)
        {
        }

        public void OnResult(DeleteItemResult result)
        {
        }

        public void OnGone(DeletePlanItem item, int goneCount, int total)
        {
        }

        public void OnAllGone(int count)
        {
        }
    }
}
