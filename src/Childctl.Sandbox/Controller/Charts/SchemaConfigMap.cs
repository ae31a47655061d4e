using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The ConfigMap <c>schema-ct-&lt;template&gt;</c> in which k0rdent's template controller publishes a ClusterTemplate's
/// values schema for clients (REFERENCE.md §9, §11): data key <c>schema</c>, owned by the template, named in its
/// <c>status.schemaConfigMapName</c>. The controller validates against the chart's own schema, so editing the
/// ConfigMap changes what clients read, not what k0rdent enforces.
/// </summary>
internal static class SchemaConfigMap
{
    public const string DataKey = "schema";
    public const string Prefix = "schema-ct-";

    public static string NameFor(string template) => Prefix + template;

    public static JsonObject Build(JsonObject template, ProviderProfile profile) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = NameFor(JsonAccess.Name(template)),
            ["namespace"] = JsonAccess.Namespace(template),
            ["labels"] = new JsonObject { [WellKnown.ComponentLabel] = WellKnown.ComponentValue },
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = ResourceType.ClusterTemplate.ApiVersion,
                ["kind"] = ResourceType.ClusterTemplate.Kind,
                ["name"] = JsonAccess.Name(template),
                ["uid"] = JsonAccess.Uid(template),
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
        },
        ["data"] = new JsonObject { [DataKey] = ChartSchema.Text(ChartSchema.Cached(profile)) },
    };

    /// <summary>Creates the template's ConfigMap when its status names one and it is missing; a write that fails is left for the next look.</summary>
    public static void Ensure(IObjectStore store, JsonObject template, DateTimeOffset? createdAt = null)
    {
        var chart = JsonAccess.String(template, "spec", "helm", "chartSpec", "chart") ?? "";
        var profile = ProviderProfile.All.FirstOrDefault(p => p.Chart == chart);
        var name = JsonAccess.String(template, "status", "schemaConfigMapName");
        if (profile is null || name != NameFor(JsonAccess.Name(template)) || store.Get(ResourceType.ConfigMap, JsonAccess.Namespace(template), name) is not null)
        {
            return;
        }

        try
        {
            var configMap = Build(template, profile);
            _ = createdAt is { } at ? store.CreateBackdated(ResourceType.ConfigMap, configMap, at, WellKnown.FieldManager) : store.Create(ResourceType.ConfigMap, configMap, WellKnown.FieldManager);
        }
        catch (StoreException e) when (e.Code is 403 or 404 or 409)
        {
            // the namespace is going away, or someone made it meanwhile
        }
    }

    /// <summary>Removes a deleted template's ConfigMap, as the garbage collector would through its ownerReference.</summary>
    public static void RemoveFor(IObjectStore store, string ns, string template)
    {
        var existing = store.Get(ResourceType.ConfigMap, ns, NameFor(template));
        var owned = JsonAccess.At(existing, "metadata", "ownerReferences") is JsonArray owners
            && owners.OfType<JsonObject>().Any(o => JsonAccess.String(o, "kind") == ResourceType.ClusterTemplate.Kind && JsonAccess.String(o, "name") == template);
        if (!owned)
        {
            return;
        }

        try
        {
            store.Delete(ResourceType.ConfigMap, ns, NameFor(template));
        }
        catch (StoreException e) when (e.Code == 404)
        {
            // gone already
        }
    }
}
