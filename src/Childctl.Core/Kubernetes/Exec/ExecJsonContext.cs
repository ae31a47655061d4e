using System.Text.Json.Serialization;

namespace Childctl.Core.Kubernetes.Exec;

/// <summary>Source-generated JSON for the exec credential protocol (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecCredential))]
[JsonSerializable(typeof(ExecCredentialRequest))]
internal sealed partial class ExecJsonContext : JsonSerializerContext
{
}
