using System.Text.Json;
using System.Text.Json.Serialization;

namespace Childctl.Cli.Demo;

/// <summary>Source-generated JSON for what the demo prints (NativeAOT has no reflection-based serialiser).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;
