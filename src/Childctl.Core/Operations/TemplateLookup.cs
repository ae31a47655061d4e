using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations;

/// <summary>
/// Reads the ClusterTemplates of a scope for provider and defaults. A user who may read ClusterDeployments but not
/// ClusterTemplates still gets the clusters, with the provider shown as unknown, rather than an error.
/// </summary>
internal static class TemplateLookup
{
    public static async Task<TemplateCatalog> ReadAsync(ManagementApi api, string? ns, CancellationToken cancellationToken)
    {
        try
        {
            var templates = await api.ListAsync(K0rdentKinds.ClusterTemplate, ns, null, cancellationToken);
            return new TemplateCatalog(templates.Items.Select(ClusterTemplate.Read));
        }
        catch (ChildctlException e) when (e.Kind is ErrorKind.PermissionDenied or ErrorKind.NotFound)
        {
            return TemplateCatalog.Empty;
        }
    }
}
