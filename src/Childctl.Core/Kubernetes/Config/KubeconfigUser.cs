namespace Childctl.Core.Kubernetes.Config;

/// <summary>
/// One <c>users[]</c> entry of a kubeconfig (kubectl's AuthInfo): the credentials childctl understands, plus the
/// name of an <c>auth-provider</c> so that it can refuse one clearly. File paths are already absolute.
/// </summary>
internal sealed record KubeconfigUser(string Name, string SourceFile)
{
    public string? Token { get; init; }

    public string? TokenFile { get; init; }

    public string? ClientCertificate { get; init; }

    /// <summary>Base64 of the PEM certificate, as written in the file.</summary>
    public string? ClientCertificateData { get; init; }

    public string? ClientKey { get; init; }

    /// <summary>Base64 of the PEM private key, as written in the file.</summary>
    public string? ClientKeyData { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public ExecPluginConfig? Exec { get; init; }

    public string? AuthProvider { get; init; }
}
