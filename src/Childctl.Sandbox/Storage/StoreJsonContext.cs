using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Childctl.Sandbox.Storage;

/// <summary>Source-generated metadata for the node types the sandbox serialises (NativeAOT has no reflection fallback).</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
