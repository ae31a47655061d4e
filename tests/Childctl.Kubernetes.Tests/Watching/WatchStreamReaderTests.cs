using System.Text;
using System.Text.Json.Nodes;
using Childctl.Kubernetes.Watching;

namespace Childctl.Kubernetes.Tests.Watching;

public class WatchStreamReaderTests
{
    [Fact]
    public async Task ReadAsync_WhenTheStreamEndsInATornLine_ParsesEventsBookmarksAndExpiredAndDropsIt()
    {
        var body = """
            {"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}
            {"type":"BOOKMARK","object":{"kind":"ClusterDeployment","metadata":{"resourceVersion":"9"}}}

            {"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"too old resource version: 1 (116)","reason":"Expired","code":410}}
            {"type":"MODIFIED","object":{"metadata":{"name":"a","resourc
            """;
        var events = new List<WatchEvent<JsonObject>>();

        await foreach (var e in WatchStreamReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), e => JsonNode.Parse(e.GetRawText())!.AsObject()))
        {
            events.Add(e);
        }

        Assert.Equal(3, events.Count);
        Assert.Equal(WatchEventType.Added, events[0].Type);
        Assert.Equal("a", events[0].Object!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("5", events[0].ResourceVersion);
        Assert.Equal((WatchEventType.Bookmark, "9"), (events[1].Type, events[1].ResourceVersion));
        Assert.True(events[2].IsExpired);
        Assert.Contains("too old", events[2].ErrorMessage, StringComparison.Ordinal);
    }
}
