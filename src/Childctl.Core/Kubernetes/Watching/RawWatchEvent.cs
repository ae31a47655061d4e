using System.Text.Json;
using System.Text.Json.Serialization;

namespace Childctl.Core.Kubernetes.Watching;

/// <summary>One line of a watch stream as sent: <c>{"type":"MODIFIED","object":{...}}</c>, the object not yet typed.</summary>
internal sealed class RawWatchEvent
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("object")]
    public JsonElement Object { get; set; }
}
