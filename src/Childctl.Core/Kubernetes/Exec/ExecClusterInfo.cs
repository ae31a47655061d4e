using System.Text.Json.Serialization;
using Childctl.Core.Kubernetes.Config;

namespace Childctl.Core.Kubernetes.Exec;

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
