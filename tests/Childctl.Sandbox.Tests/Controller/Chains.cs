using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Tests.Controller;

/// <summary>ClusterTemplateChains as a platform team would apply them: spec only, the controller fills the status.</summary>
internal static class Chains
{
    /// <summary>A chain from pairs of (template, its upgrade targets).</summary>
    public static JsonObject Chain(string name, params (string Name, string[] Upgrades)[] supported) => new()
    {
        ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
        ["kind"] = "ClusterTemplateChain",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kcm-system" },
        ["spec"] = new JsonObject
        {
            ["supportedTemplates"] = new JsonArray(supported.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["availableUpgrades"] = new JsonArray(s.Upgrades.Select(u => (JsonNode)new JsonObject { ["name"] = u }).ToArray()),
            }).ToArray()),
        },
    };

    public static IReadOnlyList<string>? Upgrades(this JsonObject cluster) =>
        cluster["status"]?["availableUpgrades"]?.AsArray().Select(u => u!.GetValue<string>()).ToList();
}
