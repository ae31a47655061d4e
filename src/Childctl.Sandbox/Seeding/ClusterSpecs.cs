using System.Text.Json.Nodes;
using Childctl.Sandbox.Controller;

namespace Childctl.Sandbox.Seeding;

/// <summary>
/// Specs of pre-seeded clusters, shaped like the azure-setup scripts' ClusterDeployments (REFERENCE.md §11):
/// identity, region, machine counts and sizes per provider; some with add-on services.
/// </summary>
internal static class ClusterSpecs
{
    private static readonly (string Name, string Namespace, string Template)[] Services =
    [
        ("ingress-nginx", "ingress-nginx", "ingress-nginx-4-13-0"),
        ("cert-manager", "cert-manager", "cert-manager-1-18-2"),
    ];

    public static JsonObject Spec(ProviderProfile p, Random random, string ns, string template, string region)
    {
        var spec = new JsonObject
        {
            ["template"] = template,
            ["credential"] = p.CredentialName,
            ["dryRun"] = false,
            ["propagateCredentials"] = true,
            ["config"] = Config(p, random, ns, region),
        };
        if (random.Next(4) == 0)
        {
            var count = random.Next(1, Services.Length + 1);
            spec["serviceSpec"] = new JsonObject
            {
                ["services"] = new JsonArray(Services.Take(count)
                    .Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["namespace"] = s.Namespace, ["template"] = s.Template }).ToArray()),
            };
        }

        return spec;
    }

    /// <summary>Breaks a config so the chart's schema check rejects it, as real users' typos do.</summary>
    public static void Break(ProviderProfile p, JsonObject config)
    {
        switch (p.Provider)
        {
            case CloudProvider.Azure:
                config["location"] = "";
                break;
            case CloudProvider.Aws:
                ((JsonObject)config["controlPlane"]!)["rootVolumeSize"] = 4;
                break;
            default:
                config.Remove("project");
                break;
        }
    }

    private static JsonObject Config(ProviderProfile p, Random random, string ns, string region)
    {
        var controlPlanes = random.Next(3) == 0 ? 3 : 1;
        var workers = random.Next(1, 6);
        var size = p.Sizes[random.Next(p.Sizes.Count)];
        var config = new JsonObject();
        switch (p.Provider)
        {
            case CloudProvider.Azure:
                config["clusterIdentity"] = new JsonObject { ["name"] = p.IdentityName, ["namespace"] = ns };
                config["location"] = region;
                config["subscriptionID"] = Guid(random);
                break;
            case CloudProvider.Aws:
                config["clusterIdentity"] = new JsonObject { ["name"] = p.IdentityName, ["kind"] = p.IdentityKind };
                config["region"] = region;
                break;
            default:
                config["project"] = $"acme-k0rdent-{random.Next(100, 999)}";
                config["region"] = region;
                config["network"] = new JsonObject { ["name"] = "default" };
                break;
        }

        config["controlPlaneNumber"] = controlPlanes;
        config["controlPlane"] = Machine(p, size, 32);
        config["workersNumber"] = workers;
        config["worker"] = Machine(p, p.Sizes[random.Next(p.Sizes.Count)], 50);
        return config;
    }

    private static JsonObject Machine(ProviderProfile p, string size, int rootVolume) =>
        p.Provider == CloudProvider.Gcp
            ? new JsonObject { [p.SizeKey] = size }
            : new JsonObject { [p.SizeKey] = size, ["rootVolumeSize"] = rootVolume };

    private static string Guid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }
}
