using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Kubernetes.Watching;
using Childctl.Sandbox;
using Childctl.Sandbox.Hosting;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Kubernetes.Tests.Watching;

/// <summary>The resilient watch over real HTTPS against the sandbox: 410 Expired leads to a re-list that reports what was missed.</summary>
public sealed class WatchRelistTests : IAsyncLifetime, IDisposable
{
    private const string Ns = "kcm-system";
    private readonly TempDirectory _folder = new("childctl-relist-test");
    private SandboxHandle _sandbox = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { EnableController = false });
        _sandbox.WriteKubeconfig(_folder.Combine("kubeconfig"));
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Watch_WhenTheVersionIsTooOld_RelistsAndDeliversTheMissedChange()
    {
        using var client = new ApiClient(KubeconfigResolver.Resolve(_folder.Combine("kubeconfig"), null, null, _ => null), new ApiOptions());
        _sandbox.Store.Create(ResourceType.ClusterDeployment, Cluster("wr-one"), "test");
        var source = new CompactingSource(client, WatchFilter.ForName("wr-one"), () =>
        {
            var cluster = _sandbox.Store.Get(ResourceType.ClusterDeployment, Ns, "wr-one")!;
            cluster["metadata"]!["labels"] = new JsonObject { ["missed"] = "yes" };
            _sandbox.Store.Update(ResourceType.ClusterDeployment, cluster, "test");
            _sandbox.Store.CompactHistory();
        });
        var watch = new ResilientWatch<JsonObject>(source, TimeProvider.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        JsonObject? seen = null;
        await foreach (var change in watch.RunAsync(timeout.Token))
        {
            if (change.Kind == WatchChangeKind.Modified)
            {
                seen = change.Object;
                break;
            }
        }

        Assert.Equal("yes", (string?)seen!["metadata"]!["labels"]!["missed"]);
        Assert.Equal(1, watch.Relists);
    }

    private static JsonObject Cluster(string name) => new()
    {
        ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
        ["kind"] = "ClusterDeployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["spec"] = new JsonObject { ["template"] = "aws-standalone-cp-1-0-43", ["config"] = new JsonObject { ["region"] = "us-west-2" } },
    };

    /// <summary>
    /// ClusterDeployments through the client; after the first list, changes the object and compacts the server's
    /// history, so the watch from that list's version gets 410.
    /// </summary>
    private sealed class CompactingSource(ApiClient client, WatchFilter filter, Action afterFirstList) : IWatchSource<JsonObject>
    {
        private int _lists;

        public async Task<WatchList<JsonObject>> ListAsync(CancellationToken cancellationToken)
        {
            var list = await client.ListForWatchAsync(TestKinds.ClusterDeployment, Ns, filter, cancellationToken);
            if (Interlocked.Increment(ref _lists) == 1)
            {
                afterFirstList();
            }

            return new WatchList<JsonObject>(list.Items.Select(ToObject).ToList(), list.ResourceVersion);
        }

        public IAsyncEnumerable<WatchEvent<JsonObject>> WatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
            client.WatchAsync(TestKinds.ClusterDeployment, Ns, filter, resourceVersion, ToObject, cancellationToken);

        public WatchIdentity Identify(JsonObject item) => new(
            $"{item["metadata"]!["namespace"]}/{item["metadata"]!["name"]}", (string?)item["metadata"]!["uid"], (string?)item["metadata"]!["resourceVersion"]);

        private static JsonObject ToObject(JsonElement element) => JsonNode.Parse(element.GetRawText())!.AsObject();
    }
}
