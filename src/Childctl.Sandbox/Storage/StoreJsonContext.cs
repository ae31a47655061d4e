using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Childctl.Sandbox.Storage;

/// <summary>Source-generated metadata for the node types the sandbox serialises (NativeAOT has no reflection fallback).</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class StoreJsonContext : JsonSerializerContext
{
    /// <summary>
    /// How JSON leaves the sandbox: as Go's encoding/json writes it, a quote as <c>\"</c> and other text as UTF-8, not
    /// <c>\u0022</c> and <c>\uXXXX</c> as System.Text.Json's default encoder does (a third of the bytes of JSON kept in
    /// strings, such as the team history in ConfigMaps). The API is read by clients, never embedded in a page.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The context for serialising with <see cref="WriterOptions"/>' encoding.</summary>
    public static StoreJsonContext Wire { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
