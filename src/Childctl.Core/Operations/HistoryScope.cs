using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations;

/// <summary>
/// Which history <c>childctl history</c> shows: the current management cluster (from the local kubeconfig
/// only, never the API) and a namespace, or, when no kubeconfig is usable and no context was asked for,
/// every management cluster in the history folder (with a <see cref="Notice"/> saying so).
/// </summary>
public sealed record HistoryScope(string? ManagementCluster, string? Namespace, string? Notice)
{
    /// <summary>Every management cluster in the history folder, without reading the kubeconfig.</summary>
    public static HistoryScope AllManagementClusters(string? explicitNamespace, bool allNamespaces, bool forOneCluster) =>
        new(null, allNamespaces ? null : forOneCluster ? explicitNamespace ?? KubeconfigResolver.FallbackNamespace : explicitNamespace, null);

    /// <param name="forOneCluster">A NAME was given: default to the context's namespace rather than all.</param>
    public static HistoryScope Resolve(string? kubeconfig, string? context, string? explicitNamespace, bool allNamespaces, bool forOneCluster, Func<string, string?> environment)
    {
        try
        {
            var mc = ManagementApi.Resolve(kubeconfig, context, explicitNamespace, environment);
            var ns = allNamespaces ? null : forOneCluster ? mc.DefaultNamespace : explicitNamespace;
            return new HistoryScope(mc.ClusterName, ns, null);
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.InvalidInput && string.IsNullOrEmpty(context))
        {
            var ns = allNamespaces ? null : forOneCluster ? explicitNamespace ?? KubeconfigResolver.FallbackNamespace : explicitNamespace;
            return new HistoryScope(null, ns, $"no usable kubeconfig ({e.Message}); showing history of every management cluster in the history folder");
        }
    }
}
