using System.Text.Json.Nodes;
using Childctl.Sandbox.Controller;

namespace Childctl.Sandbox.Seeding;

/// <summary>A stock ClusterTemplate as the kcm-templates chart installs it and the template controller validates it.</summary>
internal static class TemplateObjects
{
    public static JsonObject Object(TemplateSeed seed, string ns) => new()
    {
        ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
        ["kind"] = "ClusterTemplate",
        ["metadata"] = new JsonObject
        {
            ["name"] = seed.Name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { [WellKnown.ComponentLabel] = WellKnown.ComponentValue },
            ["annotations"] = new JsonObject { ["helm.sh/resource-policy"] = "keep" },
        },
        ["spec"] = new JsonObject
        {
            ["helm"] = new JsonObject
            {
                ["chartSpec"] = new JsonObject
                {
                    ["chart"] = seed.Profile.Chart,
                    ["version"] = seed.Version,
                    ["interval"] = "10m0s",
                    ["reconcileStrategy"] = "ChartVersion",
                    ["sourceRef"] = new JsonObject { ["kind"] = "HelmRepository", ["name"] = "kcm-templates" },
                },
            },
        },
    };

    public static JsonObject Status(TemplateSeed seed, string ns)
    {
        if (!seed.Valid)
        {
            return new JsonObject { ["valid"] = false, ["validationError"] = seed.ValidationError, ["observedGeneration"] = 1 };
        }

        var p = seed.Profile;
        return new JsonObject
        {
            ["valid"] = true,
            ["observedGeneration"] = 1,
            ["description"] = $"A KCM template to deploy a k0s cluster on {p.DisplayName} with bootstrapped control plane nodes.\n",
            ["chartRef"] = new JsonObject { ["kind"] = "HelmChart", ["name"] = seed.Name, ["namespace"] = ns },
            ["chartVersion"] = seed.Version,
            ["schemaConfigMapName"] = "schema-ct-" + seed.Name,
            ["providers"] = new JsonArray("bootstrap-k0sproject-k0smotron", "control-plane-k0sproject-k0smotron", p.InfrastructureProvider),
            ["providerContracts"] = new JsonObject
            {
                ["bootstrap-k0sproject-k0smotron"] = "v1beta2",
                ["control-plane-k0sproject-k0smotron"] = "v1beta2",
                [p.InfrastructureProvider] = p.Provider == CloudProvider.Aws ? "v1beta2" : "v1beta1",
            },
            ["config"] = TemplateDefaults.For(p, seed.K0sVersion),
        };
    }
}
