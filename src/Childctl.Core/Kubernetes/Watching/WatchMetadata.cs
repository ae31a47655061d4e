using System.Text.Json.Serialization;

namespace Childctl.Core.Kubernetes.Watching;

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
