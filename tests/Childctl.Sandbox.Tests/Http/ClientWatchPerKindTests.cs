using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Childctl.Sandbox.Storage;
using static Childctl.Sandbox.Tests.Http.Client;

namespace Childctl.Sandbox.Tests.Http;

/// <summary>
/// Watch history is kept per kind, as the apiserver's watch cache does: a ClusterDeployment watcher resumes from its
/// own resourceVersion or bookmark however many Secrets were written meanwhile (issue 13's case: 10,000).
/// </summary>
public sealed class ClientWatchPerKindTests(WatchSandboxFixture f) : IClassFixture<WatchSandboxFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Kubernetes _k = Admin(f);

    [Fact]
    public async Task A_watch_resumes_from_its_kinds_version_after_10000_writes_of_another_kind()
    {
        var created = await CreateAsync(_k, Cd("pk-resume"));
        WriteSecrets("resume", ObjectStore.DefaultChangeLogCapacity + 1);
        await PatchLabelAsync("pk-resume", "after-secrets");
        using var cts = new CancellationTokenSource(Patience);
        Exception? error = null;
        await using var events = _k.CustomObjects.WatchListNamespacedCustomObjectAsync(CdGroup, CdVersion, "default", CdPlural,
            resourceVersion: Rv(created), onError: e => error = e, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);

        var next = await NextAsync(events, () => error);

        Assert.Equal((WatchEventType.Modified, "after-secrets"), (next.Type, next.Object["metadata"]!["labels"]!["step"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bookmarks_advance_with_the_store_and_a_resume_from_one_works()
    {
        await CreateAsync(_k, Cd("pk-bookmark"));
        var before = f.Store.ResourceVersion;
        using var cts = new CancellationTokenSource(Patience);
        await using var events = _k.CustomObjects.WatchListNamespacedCustomObjectAsync(CdGroup, CdVersion, "default", CdPlural,
            fieldSelector: "metadata.name=pk-bookmark", allowWatchBookmarks: true, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.Equal(WatchEventType.Added, (await NextAsync(events, () => null)).Type);
        WriteSecrets("bookmark", 3);
        var secretsWritten = f.Store.ResourceVersion;

        long bookmark;
        do
        {
            var e = await NextAsync(events, () => null);
            Assert.Equal(WatchEventType.Bookmark, e.Type);
            bookmark = long.Parse(Rv(e.Object), CultureInfo.InvariantCulture);
        }
        while (bookmark < secretsWritten);

        WriteSecrets("bookmark-more", ObjectStore.DefaultChangeLogCapacity + 1);
        await PatchLabelAsync("pk-bookmark", "resumed");
        await using var resumed = _k.CustomObjects.WatchListNamespacedCustomObjectAsync(CdGroup, CdVersion, "default", CdPlural,
            fieldSelector: "metadata.name=pk-bookmark", resourceVersion: bookmark.ToString(CultureInfo.InvariantCulture), cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        var next = await NextAsync(resumed, () => null);

        Assert.True(bookmark > before);
        Assert.Equal((WatchEventType.Modified, "resumed"), (next.Type, next.Object["metadata"]!["labels"]!["step"]!.GetValue<string>()));
    }

    private void WriteSecrets(string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            f.Store.Create(ResourceType.Secret, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = $"{prefix}-{i}", ["namespace"] = "default" },
                ["stringData"] = new JsonObject { ["k"] = "v" },
            }, "tests");
        }
    }

    private static async Task<(WatchEventType Type, JsonObject Object)> NextAsync(IAsyncEnumerator<(WatchEventType, object)> events, Func<Exception?> error)
    {
        Assert.True(await events.MoveNextAsync(), $"the watch ended early: {error()?.Message}");
        var (type, obj) = events.Current;
        return (type, JsonNode.Parse(((JsonElement)obj).GetRawText())!.AsObject());
    }

    private Task<JsonObject> PatchLabelAsync(string name, string step) =>
        _k.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["step"] = step } } }.ToJsonString(), V1Patch.PatchType.MergePatch),
            CdGroup, CdVersion, "default", CdPlural, name);
}
