namespace Childctl.Core.Kubernetes.Exec;

/// <summary>What an exec credential plugin prints on stdout (client.authentication.k8s.io ExecCredential).</summary>
internal sealed class ExecCredential
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public ExecCredentialStatus? Status { get; set; }
}
