using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Childctl.Kubernetes.Watching;

namespace Childctl.Kubernetes.Tests.Watching;

/// <summary>
/// A watch source that replays scripted lists and streams, for the loop's unit tests (the sandbox tests cover
/// the same behaviour over HTTP). Each stream is a list of events, optionally ending in a drop.
/// </summary>
internal sealed class ScriptedWatchSource : IWatchSource<JsonObject>
{
    public Queue<WatchList<JsonObject>> Lists { get; } = new();

    public Queue<(IReadOnlyList<WatchEvent<JsonObject>> Events, KubernetesErrorKind? EndsWith)> Streams { get; } = new();

    public List<string> WatchedFrom { get; } = [];

    public int ListCalls { get; private set; }

    public Task<WatchList<JsonObject>> ListAsync(CancellationToken cancellationToken)
    {
        ListCalls++;
        return Task.FromResult(Lists.Count > 1 ? Lists.Dequeue() : Lists.Peek());
    }

    public async IAsyncEnumerable<WatchEvent<JsonObject>> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        WatchedFrom.Add(resourceVersion);
        if (!Streams.TryDequeue(out var stream))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }

        foreach (var e in stream.Events)
        {
            yield return e;
        }

        if (stream.EndsWith is { } kind)
        {
            throw new KubernetesException(kind, "stream dropped");
        }
    }

    public WatchIdentity Identify(JsonObject item) => new(
        item["metadata"]!["name"]!.GetValue<string>(),
        item["metadata"]!["uid"]?.GetValue<string>(),
        item["metadata"]!["resourceVersion"]?.GetValue<string>());

    public static JsonObject Object(string name, string rv, string uid = "u1") =>
        new() { ["metadata"] = new JsonObject { ["name"] = name, ["uid"] = uid, ["resourceVersion"] = rv } };

    public static WatchEvent<JsonObject> Event(WatchEventType type, string name, string rv, string uid = "u1") =>
        new(type, Object(name, rv, uid), rv);
}
