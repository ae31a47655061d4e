using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// ClusterTemplates, Credentials and the upgrade paths of the ClusterTemplateChains, per namespace, read from the
/// store once and dropped when one of them changes, so that reconciling thousands of clusters does not re-read the
/// same objects thousands of times.
/// Used only by the controller's single worker.
/// </summary>
internal sealed class ReferenceCache
{
    private readonly IObjectStore _store;
    private readonly Dictionary<string, Dictionary<string, TemplateInfo>> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, CredentialInfo>> _credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> _upgrades = new(StringComparer.Ordinal);

    public ReferenceCache(IObjectStore store) => _store = store;

    public TemplateInfo? Template(string ns, string name) => Templates(ns).GetValueOrDefault(name);

    public CredentialInfo? Credential(string ns, string name) => Credentials(ns).GetValueOrDefault(name);

    /// <summary>The templates a cluster on <paramref name="template"/> may move to, from the namespace's ClusterTemplateChains.</summary>
    public IReadOnlyList<string> Upgrades(string ns, string template)
    {
        if (!_upgrades.TryGetValue(ns, out var byTemplate))
        {
            byTemplate = ChainUpgrades.Index(_store.List(ResourceType.ClusterTemplateChain, ns));
            _upgrades[ns] = byTemplate;
        }

        return byTemplate.GetValueOrDefault(template) ?? [];
    }

    /// <summary>Re-reads the namespace's chains; true when the upgrade paths differ from the ones cached (or none were).</summary>
    public bool RefreshUpgrades(string ns)
    {
        var before = _upgrades.GetValueOrDefault(ns);
        var after = ChainUpgrades.Index(_store.List(ResourceType.ClusterTemplateChain, ns));
        _upgrades[ns] = after;
        return before is null || !ChainUpgrades.Same(before, after);
    }

    public void Forget(ResourceType type, string ns)
    {
        if (type == ResourceType.ClusterTemplate)
        {
            _templates.Remove(ns);
        }
        else if (type == ResourceType.Credential)
        {
            _credentials.Remove(ns);
        }
    }

    private Dictionary<string, TemplateInfo> Templates(string ns)
    {
        if (!_templates.TryGetValue(ns, out var map))
        {
            map = _store.List(ResourceType.ClusterTemplate, ns).Select(TemplateInfo.From).ToDictionary(t => t.Name, StringComparer.Ordinal);
            _templates[ns] = map;
        }

        return map;
    }

    private Dictionary<string, CredentialInfo> Credentials(string ns)
    {
        if (!_credentials.TryGetValue(ns, out var map))
        {
            map = _store.List(ResourceType.Credential, ns).Select(CredentialInfo.From).ToDictionary(c => c.Name, StringComparer.Ordinal);
            _credentials[ns] = map;
        }

        return map;
    }
}
