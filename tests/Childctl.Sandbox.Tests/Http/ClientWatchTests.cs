using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using static Childctl.Sandbox.Tests.Http.Client;

namespace Childctl.Sandbox.Tests.Http;

public sealed class ClientWatchTests(WatchSandboxFixture f) : IClassFixture<WatchSandboxFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Kubernetes _k = Admin(f);

    [Fact]
    public async Task Watch_without_a_version_starts_with_the_current_object_then_follows_it()
    {
        await CreateAsync(_k, Cd("w-zero"));
        using var cts = new CancellationTokenSource(Patience);
        await using var events = Watch(cts.Token, fieldSelector: "metadata.name=w-zero").GetAsyncEnumerator(cts.Token);

        var first = await NextAsync(events);
        await PatchLabelAsync("w-zero", "seen");
        var second = await NextAsync(events);

        Assert.Equal((WatchEventType.Added, "w-zero"), (first.Type, Name(first.Object)));
        Assert.Equal((WatchEventType.Modified, "seen"), (second.Type, second.Object["metadata"]!["labels"]!["step"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Watch_from_a_version_sends_only_the_later_changes()
    {
        await CreateAsync(_k, Cd("w-before"));
        var from = f.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CreateAsync(_k, Cd("w-after"));
        using var cts = new CancellationTokenSource(Patience);
        await using var events = Watch(cts.Token, resourceVersion: from).GetAsyncEnumerator(cts.Token);

        var first = await NextAsync(events);

        Assert.Equal((WatchEventType.Added, "w-after"), (first.Type, Name(first.Object)));
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_reports_410_and_ends()
    {
        await CreateAsync(_k, Cd("w-old"));
        var old = (f.Store.ResourceVersion - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        f.Store.CompactHistory();
        Exception? error = null;
        using var cts = new CancellationTokenSource(Patience);

        var received = 0;
        await foreach (var _ in _k.CustomObjects.WatchListNamespacedCustomObjectAsync(CdGroup, CdVersion, "default", CdPlural,
            resourceVersion: old, onError: e => error = e, cancellationToken: cts.Token))
        {
            received++;
        }

        Assert.Equal(0, received);
        var kube = Assert.IsType<KubernetesException>(error);
        Assert.StartsWith($"too old resource version: {old} (", kube.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bookmarks_arrive_when_allowed()
    {
        using var cts = new CancellationTokenSource(Patience);
        await using var events = Watch(cts.Token, fieldSelector: "metadata.name=w-none", bookmarks: true).GetAsyncEnumerator(cts.Token);
        var first = await NextAsync(events);
        Assert.Equal(WatchEventType.Bookmark, first.Type);
        Assert.NotNull(first.Object["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream_cleanly()
    {
        // KubernetesClient 21 throws on a watch body with no event at all (as a real apiserver would send), so the
        // stream carries one ADDED before the server ends it.
        await CreateAsync(_k, Cd("w-timeout"));
        using var cts = new CancellationTokenSource(Patience);
        var count = 0;
        await foreach (var _ in Watch(cts.Token, fieldSelector: "metadata.name=w-timeout", timeoutSeconds: 1))
        {
            count++;
        }

        Assert.False(cts.IsCancellationRequested);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task An_object_leaving_the_label_selection_is_seen_as_deleted()
    {
        var body = Cd("w-label");
        body["metadata"]!["labels"] = new JsonObject { ["step"] = "in" };
        await CreateAsync(_k, body);
        using var cts = new CancellationTokenSource(Patience);
        await using var events = Watch(cts.Token, labelSelector: "step=in").GetAsyncEnumerator(cts.Token);

        var added = await NextAsync(events);
        await PatchLabelAsync("w-label", "out");
        var left = await NextAsync(events);

        Assert.Equal((WatchEventType.Added, WatchEventType.Deleted), (added.Type, left.Type));
        Assert.Equal("w-label", Name(left.Object));
    }

    private IAsyncEnumerable<(WatchEventType, object)> Watch(CancellationToken ct, string? fieldSelector = null, string? labelSelector = null,
        string? resourceVersion = null, bool bookmarks = false, int? timeoutSeconds = null) =>
        _k.CustomObjects.WatchListNamespacedCustomObjectAsync(CdGroup, CdVersion, "default", CdPlural, allowWatchBookmarks: bookmarks,
            fieldSelector: fieldSelector, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, cancellationToken: ct);

    private static async Task<(WatchEventType Type, JsonObject Object)> NextAsync(IAsyncEnumerator<(WatchEventType, object)> events)
    {
        Assert.True(await events.MoveNextAsync(), "the watch ended early");
        var (type, obj) = events.Current;
        return (type, JsonNode.Parse(((JsonElement)obj).GetRawText())!.AsObject());
    }

    private Task<JsonObject> PatchLabelAsync(string name, string step) =>
        _k.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["step"] = step } } }.ToJsonString(), V1Patch.PatchType.MergePatch),
            CdGroup, CdVersion, "default", CdPlural, name);
}
