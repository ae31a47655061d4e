using System.Text.Json;
using Childctl.Kubernetes;

namespace Childctl.Core.Templates;

/// <summary>
/// Upgrade targets per template, from ClusterTemplateChains (<c>spec.supportedTemplates[].availableUpgrades[].name</c>).
/// <see cref="Served"/> is false when the API has no ClusterTemplateChain resource.
/// </summary>
public sealed class UpgradeChains
{
    private readonly Dictionary<(string Namespace, string Name), SortedSet<string>> _targets = [];

    public UpgradeChains(bool served)
    {
        Served = served;
    }

    public bool Served { get; }

    public static UpgradeChains NotServed { get; } = new(false);

    public static UpgradeChains Read(IEnumerable<JsonElement> chains)
    {
        var result = new UpgradeChains(true);
        foreach (var chain in chains)
        {
            var ns = JsonPath.Find(chain, "metadata", "namespace") is { ValueKind: JsonValueKind.String } n ? n.GetString()! : string.Empty;
            foreach (var supported in JsonPath.Array(JsonPath.Object(chain, "spec"), "supportedTemplates"))
            {
                var from = JsonPath.String(supported, "name");
                if (from is null)
                {
                    continue;
                }

                var set = result.TargetsOf(ns, from);
                foreach (var upgrade in JsonPath.Array(supported, "availableUpgrades"))
                {
                    if (JsonPath.String(upgrade, "name") is { } to)
                    {
                        set.Add(to);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Sorted targets of a template; empty when none.</summary>
    public IReadOnlyCollection<string> For(string ns, string name) =>
        _targets.TryGetValue((ns, name), out var set) ? set : [];

    private SortedSet<string> TargetsOf(string ns, string name)
    {
        if (!_targets.TryGetValue((ns, name), out var set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            _targets[(ns, name)] = set;
        }

        return set;
    }
}
