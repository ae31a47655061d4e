using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// Turns <see cref="ClusterShape"/> flags into the <c>spec.config</c> of a standalone template, with the keys
/// the azure-setup scripts send (REFERENCE.md §11) as <see cref="CloudProvider"/> names them, and checks any config
/// for the keys a provider requires.
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
        foreach (var flag in provider.Location)
        {
            config[flag.ConfigKey] = shape.Location.GetValueOrDefault(flag.Flag) is { } value && !string.IsNullOrWhiteSpace(value)
                ? value
                : throw ChildctlException.InvalidInput($"{flag.Flag} is required for {provider.Name} clusters ({flag.Hint})");
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

    /// <summary>A location flag of another cloud (the API, unlike the command line, could be handed one) is bad input.</summary>
    private static void RejectForeignFlags(CloudProvider provider, ClusterShape shape)
    {
        foreach (var flag in shape.Location.Keys.Where(f => provider.Location.All(l => l.Flag != f)))
        {
            var owners = CloudProvider.All.Where(p => p.Location.Any(l => l.Flag == flag)).Select(p => p.Name).ToList();
            throw ChildctlException.InvalidInput(owners.Count == 0
                ? $"{flag} is not a flag of create {provider.Name}"
                : $"{flag} is for {string.Join(" and ", owners)} clusters, not {provider.Name}");
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
