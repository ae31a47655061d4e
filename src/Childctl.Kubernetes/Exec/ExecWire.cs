using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using Childctl.Kubernetes.Config;

namespace Childctl.Kubernetes.Exec;

// The exec credential protocol (client.authentication.k8s.io) as it goes over the wire, and what childctl keeps of it.

/// <summary>What an exec credential plugin prints on stdout (client.authentication.k8s.io ExecCredential).</summary>
internal sealed class ExecCredential
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ExecCredentialStatus? Status { get; set; }
}

/// <summary>The credential itself: a bearer token, or a PEM client certificate and key, or both; and until when.</summary>
internal sealed class ExecCredentialStatus
{
    public string? Token { get; set; }

    public string? ClientCertificateData { get; set; }

    public string? ClientKeyData { get; set; }

    public DateTimeOffset? ExpirationTimestamp { get; set; }
}

/// <summary>What childctl tells a plugin in <c>KUBERNETES_EXEC_INFO</c>, as client-go does.</summary>
internal sealed record ExecCredentialRequest(string ApiVersion, ExecCredentialSpec Spec)
{
    public string Kind { get; init; } = "ExecCredential";
}

/// <summary>Whether the plugin may prompt, and the cluster when the kubeconfig sets <c>provideClusterInfo</c>.</summary>
internal sealed record ExecCredentialSpec(bool Interactive, ExecClusterInfo? Cluster);

/// <summary>The cluster as client-go describes it to a plugin (<c>spec.cluster</c>), CA as base64 bytes.</summary>
internal sealed record ExecClusterInfo(
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("tls-server-name")] string? TlsServerName,
    [property: JsonPropertyName("insecure-skip-tls-verify")] bool InsecureSkipTlsVerify,
    [property: JsonPropertyName("certificate-authority-data")] byte[]? CertificateAuthorityData)
{
    public static ExecClusterInfo For(KubeconfigCluster cluster, byte[]? caBytes) =>
        new(cluster.Server ?? string.Empty, cluster.TlsServerName, cluster.InsecureSkipTlsVerify, caBytes);
}

/// <summary>A credential a plugin issued, checked and loaded: token and/or client certificate, and its expiry if any.</summary>
internal sealed record IssuedCredential(string? Token, X509Certificate2? ClientCertificate, DateTimeOffset? Expires);

/// <summary>Source-generated JSON for the exec credential protocol (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecCredential))]
[JsonSerializable(typeof(ExecCredentialRequest))]
internal sealed partial class ExecJsonContext : JsonSerializerContext
{
}
