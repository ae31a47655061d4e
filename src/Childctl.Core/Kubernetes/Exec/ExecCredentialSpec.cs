namespace Childctl.Core.Kubernetes.Exec;

/// <summary>Whether the plugin may prompt, and the cluster when the kubeconfig sets <c>provideClusterInfo</c>.</summary>
internal sealed record ExecCredentialSpec(bool Interactive, ExecClusterInfo? Cluster);
