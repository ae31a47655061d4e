using System.Text.Json.Nodes;
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

/// <summary>What the controller needs from a ClusterTemplate's spec and status (REFERENCE.md §9).</summary>
internal sealed record TemplateInfo(
    string Namespace,
    string Name,
    bool Valid,
    string ValidationError,
    string Chart,
    string ChartVersion,
    string K8sVersion,
    string K0sVersion,
    ProviderProfile? Profile,
    IReadOnlyList<string> Providers,
    JsonObject? Defaults)
{
    /// <summary>The chart as Helm and Flux name it in messages: <c>azure-standalone-cp@1.0.45</c>.</summary>
    public string ChartReference => $"{Chart}@{ChartVersion}";

    public static TemplateInfo From(JsonObject template)
    {
        var status = template["status"];
        var providers = JsonAccess.At(status, "providers") is JsonArray list
            ? list.Select(p => p?.ToString() ?? "").ToList()
            : [];
        var chart = JsonAccess.String(template, "spec", "helm", "chartSpec", "chart")
            ?? JsonAccess.String(status, "chartRef", "name") ?? JsonAccess.Name(template);
        return new TemplateInfo(
            JsonAccess.Namespace(template),
            JsonAccess.Name(template),
            JsonAccess.Bool(status, "valid"),
            JsonAccess.String(status, "validationError") ?? "",
            chart,
            JsonAccess.String(status, "chartVersion") ?? JsonAccess.String(template, "spec", "helm", "chartSpec", "version") ?? "",
            JsonAccess.String(status, "k8sVersion") ?? "",
            JsonAccess.String(status, "config", "k0s", "version") ?? "",
            ProviderProfile.FromProviders(providers),
            providers,
            JsonAccess.At(status, "config")?.DeepClone() as JsonObject);
    }
}

/// <summary>What the controller needs from a Credential (REFERENCE.md §10).</summary>
internal sealed record CredentialInfo(string Namespace, string Name, bool Ready, string Region, string IdentityKind)
{
    public static CredentialInfo From(JsonObject credential) => new(
        JsonAccess.Namespace(credential),
        JsonAccess.Name(credential),
        JsonAccess.Bool(credential, "status", "ready"),
        JsonAccess.String(credential, "spec", "region") ?? "",
        JsonAccess.String(credential, "spec", "identityRef", "kind") ?? "");
}
