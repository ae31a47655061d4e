using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// A minimal credential controller (REFERENCE.md §10): a Credential created without status gets the finalizer,
/// the component label and a CredentialReady condition (ready when its identity kind is one k0rdent accepts), and
/// gets it again when its spec changes;
/// a deleted one loses the finalizer so that it goes away. Seeded Credentials already carry a status and are left alone.
/// </summary>
internal sealed class CredentialReconciler
{
    private readonly IObjectStore _store;
    private readonly TimeProvider _time;

    public CredentialReconciler(IObjectStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public void Reconcile(string ns, string name)
    {
        try
        {
            ReconcileCore(ns, name);
        }
        catch (StoreException e) when (e.Code is 409 or 404)
        {
            // changed or gone meanwhile: the store event that caused it brings us back
        }
    }

    private void ReconcileCore(string ns, string name)
    {
        var credential = _store.Get(ResourceType.Credential, ns, name);
        if (credential is null)
        {
            return;
        }

        if (JsonAccess.IsTerminating(credential))
        {
            if (JsonAccess.HasFinalizer(credential, WellKnown.CredentialFinalizer))
            {
                JsonAccess.RemoveFinalizer(credential, WellKnown.CredentialFinalizer);
                _store.Update(ResourceType.Credential, credential, WellKnown.FieldManager);
            }

            return;
        }

        if (JsonAccess.At(credential, "status", "conditions") is JsonArray { Count: > 0 } && !SpecChangedSinceChecked(credential))
        {
            return;
        }

        if (!JsonAccess.HasFinalizer(credential, WellKnown.CredentialFinalizer))
        {
            JsonAccess.AddFinalizer(credential, WellKnown.CredentialFinalizer);
            JsonAccess.Child(JsonAccess.Metadata(credential), "labels")[WellKnown.ComponentLabel] = WellKnown.ComponentValue;
            credential = _store.Update(ResourceType.Credential, credential, WellKnown.FieldManager);
        }

        credential["status"] = Status(credential, _time.GetUtcNow());
        _store.UpdateStatus(ResourceType.Credential, credential, WellKnown.FieldManager);
    }

    /// <summary>
    /// The credential controller re-checks the identity when the spec changes: a CredentialReady condition written for
    /// an older generation. A status without observedGeneration (written by hand or by a test) is left as it is.
    /// </summary>
    private static bool SpecChangedSinceChecked(JsonObject credential) =>
        new ConditionList(credential["status"]!.AsObject()).Get(ConditionTypes.CredentialReady)?.ObservedGeneration is { } observed
        && observed < JsonAccess.Generation(credential);

    public static JsonObject Status(JsonObject credential, DateTimeOffset now)
    {
        var kind = JsonAccess.String(credential, "spec", "identityRef", "kind") ?? "";
        var identity = JsonAccess.String(credential, "spec", "identityRef", "name") ?? "";
        var identityNs = JsonAccess.String(credential, "spec", "identityRef", "namespace") ?? JsonAccess.Namespace(credential);
        var ready = ProviderProfile.AllIdentityKinds.Contains(kind, StringComparer.Ordinal) && identity.Length > 0;
        var status = new JsonObject { ["ready"] = ready };
        var conditions = new ConditionList(status);
        if (ready)
        {
            conditions.Set(ConditionTypes.CredentialReady, "True", Reasons.Succeeded, "Credential is ready", JsonAccess.Generation(credential), now);
        }
        else
        {
            conditions.Set(ConditionTypes.CredentialReady, "False", Reasons.Failed,
                $"ClusterIdentity object of Kind={kind} {identityNs}/{identity} not found", JsonAccess.Generation(credential), now);
        }

        return status;
    }
}
