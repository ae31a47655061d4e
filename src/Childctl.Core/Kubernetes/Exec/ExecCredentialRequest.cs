namespace Childctl.Core.Kubernetes.Exec;

/// <summary>What childctl tells a plugin in <c>KUBERNETES_EXEC_INFO</c>, as client-go does.</summary>
internal sealed record ExecCredentialRequest(string ApiVersion, ExecCredentialSpec Spec)
{
    public string Kind { get; init; } = "ExecCredential";
}
