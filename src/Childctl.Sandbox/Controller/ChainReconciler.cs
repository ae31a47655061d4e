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
