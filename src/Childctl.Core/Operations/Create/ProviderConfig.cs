using System.Text.Json.Nodes;
using Childctl.Core.Errors;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// Turns <see cref="ClusterShape"/> flags into the <c>spec.config</c> of a standalone template, with the keys
/// the azure-setup scripts send (REFERENCE.md §11), and checks any config for the keys a provider requires.
/// <c>clusterIdentity</c> is left out on purpose: k0rdent overwrites it from the Credential.
/// </summary>
public static class ProviderConfig
{
    public const int DefaultControlPlaneNumber = 3;
    public const int DefaultWorkerNumber = 2;

    public static JsonObject Build(CloudProvider provider, ClusterShape shape)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(shape);
        RejectForeignFlags(provider, shape);
        RejectBadCounts(shape, provider);
        var config = new JsonObject();
        switch (provider.Name)
        {
            case "azure":
                config["location"] = Required(shape.Location, "--location", provider, "e.g. eastus");
                config["subscriptionID"] = Required(shape.SubscriptionId, "--subscription-id", provider, "the Azure subscription to create the cluster in");
                break;
            case "gcp":
                config["project"] = Required(shape.Project, "--project", provider, "the GCP project id");
                config["region"] = Required(shape.Region, "--region", provider, "e.g. us-east4");
                break;
            default:
                config["region"] = Required(shape.Region, "--region", provider, "e.g. us-west-2");
                break;
        }

        config["controlPlaneNumber"] = shape.ControlPlaneNumber ?? DefaultControlPlaneNumber;
        config["controlPlane"] = Machine(provider, shape.ControlPlaneInstanceSize, shape.RootVolumeSize);
        config["workersNumber"] = shape.WorkerNumber ?? DefaultWorkerNumber;
        config["worker"] = Machine(provider, shape.WorkerInstanceSize, shape.RootVolumeSize);
        return config;
    }

    /// <summary>The required keys (dotted paths) that are missing or empty in <paramref name="config"/>.</summary>
    public static IReadOnlyList<string> MissingKeys(CloudProvider provider, JsonObject? config)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.RequiredKeys.Where(key => IsEmpty(Lookup(config, key))).ToList();
    }

    private static JsonNode? Lookup(JsonObject? config, string dottedPath)
    {
        JsonNode? node = config;
        foreach (var part in dottedPath.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
        }

        return node;
    }

    private static bool IsEmpty(JsonNode? node) =>
        node is null || (node is JsonValue value && value.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text));

    private static JsonObject Machine(CloudProvider provider, string? size, int? rootVolumeSize)
    {
        var machine = new JsonObject { [provider.InstanceSizeKey] = string.IsNullOrEmpty(size) ? provider.DefaultInstanceSize : size };
        if (rootVolumeSize is { } gb)
        {
            machine[provider.RootVolumeKey] = gb;
        }

        return machine;
    }

    private static string Required(string? value, string flag, CloudProvider provider, string hint) =>
        string.IsNullOrWhiteSpace(value)
            ? throw ChildctlException.InvalidInput($"{flag} is required for {provider.Name} clusters ({hint})")
            : value;

    private static void RejectForeignFlags(CloudProvider provider, ClusterShape shape)
    {
        var isAzure = provider.Name == "azure";
        if (isAzure && shape.Region is not null)
        {
            throw ChildctlException.InvalidInput("--region is not used for azure clusters: Azure calls it --location");
        }

        if (!isAzure && shape.Location is not null)
        {
            throw ChildctlException.InvalidInput($"--location is for azure clusters: use --region for {provider.Name}");
        }

        if (!isAzure && shape.SubscriptionId is not null)
        {
            throw ChildctlException.InvalidInput($"--subscription-id is for azure clusters, not {provider.Name}");
        }

        if (provider.Name != "gcp" && shape.Project is not null)
        {
            throw ChildctlException.InvalidInput($"--project is for gcp clusters, not {provider.Name}");
        }
    }

    private static void RejectBadCounts(ClusterShape shape, CloudProvider provider)
    {
        if (shape.ControlPlaneNumber is < 1)
        {
            throw ChildctlException.InvalidInput($"--cp-number must be at least 1 (got {shape.ControlPlaneNumber})");
        }

        if (shape.WorkerNumber is < 0)
        {
            throw ChildctlException.InvalidInput($"--worker-number must be 0 or more (got {shape.WorkerNumber})");
        }

        if (shape.RootVolumeSize is { } gb && gb < provider.MinRootVolumeGb)
        {
            throw ChildctlException.InvalidInput(provider.MinRootVolumeGb > 1
                ? $"--root-volume-size must be at least {provider.MinRootVolumeGb} GB for {provider.Name} (the {provider.Name}-standalone-cp templates' minimum; got {gb})"
                : $"--root-volume-size is in GB and must be positive (got {gb})");
        }
    }
}
