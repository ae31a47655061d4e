using System.Text.Json;
using System.Text.Json.Serialization;

namespace Childctl.Core.Operations;

/// <summary>Source-generated, unindented JSON for values kept as text (arrays in a spec snapshot): NativeAOT-clean.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CompactJsonContext : JsonSerializerContext;
