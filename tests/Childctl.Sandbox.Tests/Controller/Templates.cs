using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Tests.Controller;

/// <summary>ClusterTemplates as a platform team would apply them: spec only, the controller fills the status.</summary>
internal static class Templates
{
    public static JsonObject Template(string name, string chart, string version, string? k8sVersion = null)
    {
        var spec = new JsonObject
        {
            ["helm"] = new JsonObject
            {
                ["chartSpec"] = new JsonObject
                {
                    ["chart"] = chart,
                    ["version"] = version,
                    ["sourceRef"] = new JsonObject { ["kind"] = "HelmRepository", ["name"] = "kcm-templates" },
                },
            },
        };
        if (k8sVersion is not null)
        {
            spec["k8sVersion"] = k8sVersion;
        }

        return new JsonObject
        {
            ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
            ["kind"] = "ClusterTemplate",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kcm-system" },
            ["spec"] = spec,
        };
    }
}
