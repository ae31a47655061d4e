using System.Text.Json.Serialization;
using Childctl.History.Legacy;

namespace Childctl.Cli.Output.History;

/// <summary>Source-generated JSON for history output: no reflection, NativeAOT-clean.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(HistoryListJson))]
[JsonSerializable(typeof(EventJson))]
[JsonSerializable(typeof(MigrationReport))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext
{
}
