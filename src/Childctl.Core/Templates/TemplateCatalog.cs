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
}
