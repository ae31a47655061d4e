using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// availableUpgrades as k0rdent's ClusterDeployment controller collects them (REFERENCE.md §3): for a cluster on
/// template T, the union of <c>availableUpgrades[].name</c> of every <c>supportedTemplates[]</c> entry named T, over
/// every ClusterTemplateChain in the namespace, sorted. Like k0rdent it neither follows paths transitively nor
/// filters by the chain's <c>status.valid</c> or by the targets' validity: the chain is the operator's word.
/// </summary>
internal static class ChainUpgrades
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Index(IEnumerable<JsonObject> chains)
    {
        var targets = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var chain in chains)
        {
            foreach (var supported in Entries(JsonAccess.At(chain, "spec", "supportedTemplates")))
            {
                if (JsonAccess.String(supported, "name") is not { Length: > 0 } from)
                {
                    continue;
                }

                if (!targets.TryGetValue(from, out var set))
                {
                    set = new SortedSet<string>(StringComparer.Ordinal);
                    targets[from] = set;
                }

                foreach (var upgrade in Entries(supported["availableUpgrades"]))
                {
                    if (JsonAccess.String(upgrade, "name") is { Length: > 0 } to)
                    {
                        set.Add(to);
                    }
                }
            }
        }

        return targets.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value.ToList(), StringComparer.Ordinal);
    }

    public static bool Same(IReadOnlyDictionary<string, IReadOnlyList<string>> a, IReadOnlyDictionary<string, IReadOnlyList<string>> b) =>
        a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var other) && entry.Value.SequenceEqual(other, StringComparer.Ordinal));

    private static IEnumerable<JsonObject> Entries(JsonNode? list) =>
        list is JsonArray array ? array.OfType<JsonObject>() : [];
}
