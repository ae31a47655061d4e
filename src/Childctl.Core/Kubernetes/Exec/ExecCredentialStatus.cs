namespace Childctl.Core.Kubernetes.Exec;

/// <summary>The credential itself: a bearer token, or a PEM client certificate and key, or both; and until when.</summary>
internal sealed class ExecCredentialStatus
{
    public string? Token { get; set; }

    public string? ClientCertificateData { get; set; }

    public string? ClientKeyData { get; set; }

    public DateTimeOffset? ExpirationTimestamp { get; set; }
}
