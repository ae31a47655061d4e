using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Kubernetes;
using Childctl.Sandbox;
using Childctl.Sandbox.Hosting;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Kubernetes.Tests;

/// <summary>The façade over HTTPS against an in-process sandbox (controller off), through the official client.</summary>
public sealed class ApiClientTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new("childctl-api-test");
    private SandboxHandle _sandbox = null!;

    private string Kubeconfig => _folder.Combine("kubeconfig");

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, EnableController = false });
        _sandbox.WriteKubeconfig(Kubeconfig);
        for (var i = 0; i < 7; i++)
        {
            _sandbox.Store.Create(ResourceType.ClusterDeployment, Cluster($"c{i}"), "test");
        }
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task List_WhenThereAreSeveralPages_ReadsEveryPageKeepingEveryField()
    {
        using var api = Api(new ApiOptions { PageSize = 2 });

        var list = await api.ListAsync(TestKinds.ClusterDeployment, "kcm-system", null, CancellationToken.None);

        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c5", "c6"], list.Items.Select(i => JsonPath.Find(i, "metadata", "name")!.Value.GetString()!));
        Assert.Equal("kept", list.Items[3].GetProperty("spec").GetProperty("config").GetProperty("unknownField").GetString());
    }

    [Fact]
    public async Task ForEachPage_WhenThereAreSeveralPages_HandsEachOverInOrderAndReleasesIt()
    {
        using var api = Api(new ApiOptions { PageSize = 3 });
        var pages = new List<List<string>>();
        JsonElement? first = null;

        await api.ForEachPageAsync(TestKinds.ClusterDeployment, "kcm-system", null, items =>
        {
            pages.Add(items.Select(i => JsonPath.Find(i, "metadata", "name")!.Value.GetString()!).ToList());
            first ??= items.First();
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal([["c0", "c1", "c2"], ["c3", "c4", "c5"], ["c6"]], pages);
        Assert.Throws<ObjectDisposedException>(() => first!.Value.GetProperty("metadata"));
    }

    [Fact]
    public async Task List_WhenGivenALabelSelector_PassesItToTheServer()
    {
        using var api = Api(new ApiOptions());

        var list = await api.ListAsync(TestKinds.ClusterDeployment, null, "pick=yes", CancellationToken.None);

        Assert.Equal(["c0", "c3", "c6"], list.Items.Select(i => JsonPath.Find(i, "metadata", "name")!.Value.GetString()!));
    }

    [Fact]
    public async Task Get_WhenTheObjectIsMissing_IsNotFoundNamingKindNamespaceAndName()
    {
        using var api = Api(new ApiOptions());

        var error = await Assert.ThrowsAsync<KubernetesException>(() => api.GetAsync(TestKinds.ClusterDeployment, "kcm-system", "nope", CancellationToken.None));

        Assert.Equal(KubernetesErrorKind.NotFound, error.Kind);
        Assert.StartsWith("ClusterDeployment \"nope\" in namespace \"kcm-system\" not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryGet_WhenTheSecretExistsOrNot_IsTheObjectOrNull()
    {
        using var api = Api(new ApiOptions());
        _sandbox.Store.Create(ResourceType.Secret, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "c1-kubeconfig", ["namespace"] = "kcm-system" },
            ["data"] = new JsonObject { ["value"] = "YXBpVmVyc2lvbjogdjE=" },
        }, "test");

        var found = await api.TryGetAsync(ResourceKind.Secret, "kcm-system", "c1-kubeconfig", CancellationToken.None);
        var missing = await api.TryGetAsync(ResourceKind.Secret, "kcm-system", "c2-kubeconfig", CancellationToken.None);

        Assert.Equal("YXBpVmVyc2lvbjogdjE=", JsonPath.Find(found, "data", "value")?.GetString());
        Assert.Null(missing);
    }

    [Fact]
    public async Task ListEvents_WhenThereAreEventsOfSeveralIncarnations_ReturnsThoseAboutTheObject()
    {
        using var api = Api(new ApiOptions());
        var uid = (string)_sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "c4")!["metadata"]!["uid"]!;
        AddEvent("e1", "c4", uid, "HelmReleaseCreated");
        AddEvent("e2", "c4", "uid-of-an-earlier-c4", "SuccessfulDelete");
        AddEvent("e3", "c5", "uid-of-c5", "Other");

        var events = await api.ListEventsAsync("kcm-system", "ClusterDeployment", "c4", CancellationToken.None);

        Assert.Equal([("HelmReleaseCreated", uid), ("SuccessfulDelete", "uid-of-an-earlier-c4")], events.Select(e => (JsonPath.String(e, "reason"), JsonPath.Find(e, "involvedObject", "uid")?.GetString())).Order());
    }

    private ApiClient Api(ApiOptions options) =>
        new(KubeconfigResolver.Resolve(Kubeconfig, null, null, _ => null), options with { Time = new TestClock(TestClock.DefaultNow) });

    private void AddEvent(string name, string cluster, string uid, string reason) => _sandbox.Store.Create(ResourceType.Event, new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kcm-system" },
        ["involvedObject"] = new JsonObject { ["kind"] = "ClusterDeployment", ["name"] = cluster, ["namespace"] = "kcm-system", ["uid"] = uid },
        ["reason"] = reason,
        ["type"] = "Normal",
        ["message"] = "m",
    }, "test");

    private static JsonObject Cluster(string name) => new()
    {
        ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
        ["kind"] = "ClusterDeployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = "kcm-system",
            ["labels"] = new JsonObject { ["pick"] = (name[1] - '0') % 3 == 0 ? "yes" : "no" },
        },
        ["spec"] = new JsonObject
        {
            ["template"] = "aws-standalone-cp-1-0-43",
            ["config"] = new JsonObject { ["region"] = "us-west-2", ["unknownField"] = "kept" },
        },
    };
}
