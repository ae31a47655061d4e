using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// A minimal ClusterTemplateChain controller: adds the component label and keeps <c>status.valid</c> and
/// <c>validationError</c> in step with the spec (see <see cref="ChainValidity"/>). Writes only what differs, so the
/// seeded chains, which are born with their status, are never written again.
/// </summary>
internal sealed class ChainReconciler
{
    private readonly IObjectStore _store;

    public ChainReconciler(IObjectStore store) => _store = store;

    public void Reconcile(string ns, string name)
    {
        try
        {
            ReconcileCore(ns, name);
        }
        catch (StoreException e) when (e.Code is 409 or 404)
        {
            // changed or gone meanwhile: its store event brings us back
        }
    }

    private void ReconcileCore(string ns, string name)
    {
        var chain = _store.Get(ResourceType.ClusterTemplateChain, ns, name);
        if (chain is null || JsonAccess.IsTerminating(chain))
        {
            return;
        }

        if (JsonAccess.Label(chain, WellKnown.ComponentLabel) != WellKnown.ComponentValue)
        {
            JsonAccess.Child(JsonAccess.Metadata(chain), "labels")[WellKnown.ComponentLabel] = WellKnown.ComponentValue;
            chain = _store.Update(ResourceType.ClusterTemplateChain, chain, WellKnown.FieldManager);
        }

        var status = ChainValidity.Status(chain);
        if (!JsonNode.DeepEquals(status, chain["status"]))
        {
            chain["status"] = status;
            _store.UpdateStatus(ResourceType.ClusterTemplateChain, chain, WellKnown.FieldManager);
        }
    }
}

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
