namespace Childctl.Core.Kubernetes.Config;

/// <summary>
/// One <c>clusters[]</c> entry of a kubeconfig. <see cref="CertificateAuthority"/> is already absolute: a relative
/// path was resolved against the folder of the file that named it, as kubectl does.
/// </summary>
internal sealed record KubeconfigCluster(string Name, string SourceFile)
{
    public string? Server { get; init; }

    public string? CertificateAuthority { get; init; }

    /// <summary>Base64 of the PEM (or DER) CA certificate(s), as written in the file.</summary>
    public string? CertificateAuthorityData { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    public string? TlsServerName { get; init; }
}
