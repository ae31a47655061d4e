using Childctl.Core.Api;
using Childctl.Core.Errors;

namespace Childctl.Core.Templates;

/// <summary>
/// The ClusterTemplates read in one list call, looked up by (namespace, name). Built per command and never kept:
/// provider and defaults are resolved live each time.
/// </summary>
public sealed class TemplateCatalog
{
    private readonly Dictionary<(string Namespace, string Name), ClusterTemplate> _byName;

    public TemplateCatalog(IEnumerable<ClusterTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        _byName = [];
        foreach (var template in templates)
        {
            _byName[(template.Namespace, template.Name)] = template;
        }
    }

    public static TemplateCatalog Empty { get; } = new([]);

    public ClusterTemplate? Find(string ns, string name) => _byName.GetValueOrDefault((ns, name));

    /// <summary>
    /// The ClusterTemplates of a scope, for provider and defaults. A user who may read ClusterDeployments but not
    /// ClusterTemplates still gets the clusters, with the provider shown as unknown, rather than an error.
    /// </summary>
    public static async Task<TemplateCatalog> ReadAsync(ManagementApi api, string? ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        try
        {
            var templates = await api.ListAsync(K0rdentKinds.ClusterTemplate, ns, null, cancellationToken);
            return new TemplateCatalog(templates.Items.Select(ClusterTemplate.Read));
        }
        catch (ChildctlException e) when (e.Kind is ErrorKind.PermissionDenied or ErrorKind.NotFound)
        {
            return Empty;
        }
    }
}
