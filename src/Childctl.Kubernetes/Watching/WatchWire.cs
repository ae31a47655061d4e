using System.Text.Json;
using System.Text.Json.Serialization;

namespace Childctl.Kubernetes.Watching;

// A watch stream as it goes over the wire: one JSON object per line, read without reflection.

/// <summary>One line of a watch stream as sent: <c>{"type":"MODIFIED","object":{...}}</c>, the object not yet typed.</summary>
internal sealed class RawWatchEvent
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("object")]
    public JsonElement Object { get; set; }
}

/// <summary>The part of any object a watch needs whatever its kind: where the stream is (resourceVersion).</summary>
internal sealed class WatchMetadata
{
    [JsonPropertyName("metadata")]
    public ObjectMetaLite? Metadata { get; set; }

    internal sealed class ObjectMetaLite
    {
        [JsonPropertyName("resourceVersion")]
        public string? ResourceVersion { get; set; }
    }
}

/// <summary>The Status object an ERROR watch event carries (for example 410 Expired: "too old resource version").</summary>
internal sealed class WatchStatus
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

/// <summary>Source-generated JSON for reading watch streams by hand (NativeAOT: no reflection).</summary>
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(WatchStatus))]
[JsonSerializable(typeof(WatchMetadata))]
internal sealed partial class WatchJsonContext : JsonSerializerContext
{
}
