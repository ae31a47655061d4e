using System.Text.Json.Nodes;
using Childctl.Sandbox.Controller;

namespace Childctl.Sandbox.Seeding;

/// <summary>
/// The stock ClusterTemplateChains: one per chart, named after it. Each valid template may move to the next valid
/// version of its chart only, the way k0s moves one Kubernetes minor at a time, so a cluster on the oldest Azure
/// template has to pass through the middle one. The broken template is in no chain: nothing may move to it.
/// </summary>
internal static class ChainObjects
{
    public static IEnumerable<JsonObject> For(string ns) =>
        ProviderProfile.All.Select(p => Chain(p, ns));

    private static JsonObject Chain(ProviderProfile profile, string ns)
    {
        var steps = TemplateCatalog.All
            .Where(t => t.Profile == profile && t.Valid)
            .OrderBy(t => Version.Parse(t.Version))
            .ToList();
        var supported = new JsonArray();
        for (var i = 0; i < steps.Count; i++)
        {
            var entry = new JsonObject { ["name"] = steps[i].Name };
            if (i + 1 < steps.Count)
            {
                entry["availableUpgrades"] = new JsonArray(new JsonObject { ["name"] = steps[i + 1].Name });
            }

            supported.Add((JsonNode)entry);
        }

        return new JsonObject
        {
            ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
            ["kind"] = "ClusterTemplateChain",
            ["metadata"] = new JsonObject
            {
                ["name"] = profile.Chart,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [WellKnown.ComponentLabel] = WellKnown.ComponentValue },
            },
            ["spec"] = new JsonObject { ["supportedTemplates"] = supported },
        };
    }
}
