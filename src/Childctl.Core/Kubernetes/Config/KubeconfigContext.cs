namespace Childctl.Core.Kubernetes.Config;

/// <summary>One <c>contexts[]</c> entry of a kubeconfig: which cluster, which user, which default namespace.</summary>
internal sealed record KubeconfigContext(string Name, string? Cluster, string? User, string? Namespace);
