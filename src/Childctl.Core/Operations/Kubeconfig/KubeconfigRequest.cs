namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>A kubeconfig retrieval: which cluster, where to, the target path (for File and Merge) and --force.</summary>
public sealed record KubeconfigRequest(string Namespace, string Name, KubeconfigDestination Destination, string? Path, bool Force);
