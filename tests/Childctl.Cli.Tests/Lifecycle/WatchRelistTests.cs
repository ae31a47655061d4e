using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Kubernetes;
using Childctl.Core.Kubernetes.Watching;
using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>The resilient watch over real HTTPS against the sandbox: 410 Expired leads to a re-list that reports what was missed.</summary>
public sealed class WatchRelistTests(StillSandbox fixture) : IClassFixture<StillSandbox>
{
    [Fact]
    public async Task Watch_WhenTheVersionIsTooOld_RelistsAndDeliversTheMissedChange()
    {
        using var core = new CoreServices(fixture);
        fixture.Seed("wr-one", "False", "Progressing", DateTimeOffset.UtcNow);
        var source = new CompactingSource(new ClusterDeploymentWatchSource(core.Api, StillSandbox.Ns, WatchFilter.ForName("wr-one")), () =>
        {
            var cluster = fixture.Get("wr-one");
            cluster["metadata"]!["labels"] = new JsonObject { ["missed"] = "yes" };
            fixture.Sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "test");
            fixture.Sandbox.Store.CompactHistory();
        });
        var watch = new ResilientWatch<ClusterDeployment>(source, TimeProvider.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        ClusterDeployment? seen = null;
        await foreach (var change in watch.RunAsync(timeout.Token))
        {
            if (change.Kind == WatchChangeKind.Modified)
            {
                seen = change.Object;
                break;
            }
        }

        Assert.Equal("yes", seen!.Labels["missed"]);
        Assert.Equal(1, watch.Relists);
    }

    /// <summary>After the first list, changes the object and compacts the server's history, so the watch from that list's version gets 410.</summary>
    private sealed class CompactingSource(IWatchSource<ClusterDeployment> inner, Action afterFirstList) : IWatchSource<ClusterDeployment>
    {
        private int _lists;

        public async Task<WatchList<ClusterDeployment>> ListAsync(CancellationToken cancellationToken)
        {
            var list = await inner.ListAsync(cancellationToken);
            if (Interlocked.Increment(ref _lists) == 1)
            {
                afterFirstList();
            }

            return list;
        }

        public IAsyncEnumerable<WatchEvent<ClusterDeployment>> WatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
            inner.WatchAsync(resourceVersion, cancellationToken);

        public WatchIdentity Identify(ClusterDeployment item) => inner.Identify(item);
    }
}
