using System.Text.Json.Nodes;
using Childctl.Sandbox.Controller;

namespace Childctl.Sandbox.Seeding;

/// <summary>
/// The Credentials of the simulated management cluster: one ready Credential per provider, named as the
/// azure-setup scripts name them, and one whose identity is missing (not ready).
/// </summary>
internal static class CredentialObjects
{
    public const string NotReadyName = "azure-legacy-cred";

    public static IEnumerable<JsonObject> For(string ns)
    {
        foreach (var p in ProviderProfile.All)
        {
            yield return Credential(ns, p.CredentialName, $"{p.DisplayName} credentials for cluster deployment", Identity(p, p.IdentityName, ns));
        }

        yield return Credential(ns, NotReadyName, "Azure credentials of the retired subscription", Identity(ProviderProfile.Azure, "azure-legacy-identity", ns));
    }

    private static JsonObject Identity(ProviderProfile p, string name, string ns)
    {
        var identity = new JsonObject { ["apiVersion"] = p.IdentityApiVersion, ["kind"] = p.IdentityKind, ["name"] = name };
        if (p.Provider != CloudProvider.Aws)
        {
            identity["namespace"] = ns; // AWS identities are cluster-scoped
        }

        return identity;
    }

    private static JsonObject Credential(string ns, string name, string description, JsonObject identity) => new()
    {
        ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
        ["kind"] = "Credential",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { [WellKnown.ComponentLabel] = WellKnown.ComponentValue },
            ["finalizers"] = new JsonArray(WellKnown.CredentialFinalizer),
        },
        ["spec"] = new JsonObject { ["description"] = description, ["identityRef"] = identity },
    };

    /// <summary>The status the credential controller gives it: ready unless its identity is the missing one.</summary>
    public static JsonObject Status(JsonObject credential, DateTimeOffset checkedAt)
    {
        if (JsonAccess.Name(credential) != NotReadyName)
        {
            return CredentialReconciler.Status(credential, checkedAt);
        }

        var status = new JsonObject { ["ready"] = false };
        var identity = JsonAccess.String(credential, "spec", "identityRef", "name");
        new ConditionList(status).Set(ConditionTypes.CredentialReady, "False", Reasons.Failed,
            $"ClusterIdentity object of Kind=AzureClusterIdentity {JsonAccess.Namespace(credential)}/{identity} not found", 1, checkedAt);
        return status;
    }
}
