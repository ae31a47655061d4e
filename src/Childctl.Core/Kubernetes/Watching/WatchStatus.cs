using System.Text.Json.Serialization;

namespace Childctl.Core.Kubernetes.Watching;

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
