using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Childctl.Core.Kubernetes;

/// <summary>
/// Source-generated JSON metadata for what childctl reads and writes through KubernetesClient.Aot, which has no
/// reflection fallback (aot-spike.md §2, workaround 1). Registered once by <see cref="KubernetesJsonSetup"/>.
/// </summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
