using System.Text.Json.Serialization;

namespace Childctl.Cli.Output.Audit;

/// <summary>Source-generated JSON for the audit report: no reflection, NativeAOT-clean.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(AuditReportJson))]
internal sealed partial class AuditJsonContext : JsonSerializerContext
{
}
