using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The status k0rdent's template-chain controller gives a ClusterTemplateChain: <c>valid</c> unless some upgrade
/// target is not itself one of the chain's <c>supportedTemplates</c>, with one sorted line per such target in
/// <c>validationError</c>. Whether the templates exist is not checked, as in k0rdent.
/// </summary>
internal static class ChainValidity
{
    public static JsonObject Status(JsonObject chain)
    {
        var supported = new HashSet<string>(StringComparer.Ordinal);
        var targets = new SortedSet<string>(StringComparer.Ordinal);
        if (JsonAccess.At(chain, "spec", "supportedTemplates") is JsonArray entries)
        {
            foreach (var entry in entries.OfType<JsonObject>())
            {
                supported.Add(JsonAccess.String(entry, "name") ?? "");
                if (entry["availableUpgrades"] is JsonArray upgrades)
                {
                    targets.UnionWith(upgrades.OfType<JsonObject>().Select(u => JsonAccess.String(u, "name") ?? ""));
                }
            }
        }

        var problems = targets.Where(t => !supported.Contains(t))
            .Select(t => $"template {t} is allowed for upgrade but is not present in the list of '.spec.supportedTemplates'")
            .ToList();
        return problems.Count == 0
            ? new JsonObject { ["valid"] = true }
            : new JsonObject { ["valid"] = false, ["validationError"] = string.Join("; ", problems) };
    }
}
