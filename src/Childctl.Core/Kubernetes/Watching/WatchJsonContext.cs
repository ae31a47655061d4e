using System.Text.Json.Serialization;

namespace Childctl.Core.Kubernetes.Watching;

/// <summary>Source-generated JSON for reading watch streams by hand (NativeAOT: no reflection).</summary>
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(WatchStatus))]
[JsonSerializable(typeof(WatchMetadata))]
internal sealed partial class WatchJsonContext : JsonSerializerContext
{
}
