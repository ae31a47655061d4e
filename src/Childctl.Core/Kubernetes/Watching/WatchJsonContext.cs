using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Childctl.Core.Kubernetes.Watching;

/// <summary>Source-generated JSON for reading watch streams by hand (NativeAOT: no reflection).</summary>
[JsonSerializable(typeof(RawWatchEvent))]
[JsonSerializable(typeof(WatchStatus))]
[JsonSerializable(typeof(WatchMetadata))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class WatchJsonContext : JsonSerializerContext
{
}
