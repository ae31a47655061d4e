using System.Text.Json;
using Childctl.Kubernetes;

namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// A typed read-model of one ClusterDeployment, as read live from the API. <see cref="Raw"/> is the object
/// exactly as the server sent it (every field kept), for <c>-o json|yaml</c>; the other properties are the
/// few fields the rest of childctl reasons about. Built by <see cref="ClusterDeploymentReader"/>.
/// </summary>
public sealed class ClusterDeployment
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required string Uid { get; init; }

    public string ResourceVersion { get; init; } = string.Empty;

    public long Generation { get; init; }

    public DateTimeOffset? CreationTimestamp { get; init; }

    public DateTimeOffset? DeletionTimestamp { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = EmptyLabels;

    /// <summary><c>spec.template</c>: a ClusterTemplate in the same namespace.</summary>
    public string Template { get; init; } = string.Empty;

    public string? Credential { get; init; }

    public bool DryRun { get; init; }

    /// <summary><c>spec.config</c> (the Helm values), or null when absent.</summary>
    public JsonElement? Config { get; init; }

    /// <summary>True when the object has a <c>status</c> at all (the controller has written it).</summary>
    public bool HasStatus { get; init; }

    public long? ObservedGeneration { get; init; }

    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>Declared services merged with their reported state, in declaration order, then any only reported.</summary>
    public IReadOnlyList<ServiceState> Services { get; init; } = [];

    public IReadOnlyList<string> AvailableUpgrades { get; init; } = [];

    public string? K8sVersion { get; init; }

    /// <summary><c>status.region</c>: set only when the Credential has <c>spec.region</c>, i.e. a regional cluster manages it.</summary>
    public string? StatusRegion { get; init; }

    /// <summary>The whole object as served.</summary>
    public JsonElement Raw { get; init; }

    private static readonly Dictionary<string, string> EmptyLabels = new(StringComparer.Ordinal);

    public Condition? FindCondition(string type)
    {
        foreach (var condition in Conditions)
        {
            if (condition.Type == type)
            {
                return condition;
            }
        }

        return null;
    }

    /// <summary>
    /// A copy that no longer refers to the served JSON (<see cref="Raw"/> undefined, <see cref="Config"/> null), so
    /// that the page it came from can be released: for callers that have derived all they need from the config.
    /// </summary>
    public ClusterDeployment Detached() => new()
    {
        Name = Name,
        Namespace = Namespace,
        Uid = Uid,
        ResourceVersion = ResourceVersion,
        Generation = Generation,
        CreationTimestamp = CreationTimestamp,
        DeletionTimestamp = DeletionTimestamp,
        Labels = Labels,
        Template = Template,
        Credential = Credential,
        DryRun = DryRun,
        HasStatus = HasStatus,
        ObservedGeneration = ObservedGeneration,
        Conditions = Conditions,
        Services = Services,
        AvailableUpgrades = AvailableUpgrades,
        K8sVersion = K8sVersion,
        StatusRegion = StatusRegion,
    };

    /// <summary>A string at a path under <c>spec.config</c>, e.g. <c>ConfigString("k0s", "version")</c>.</summary>
    public string? ConfigString(params ReadOnlySpan<string> path) =>
        JsonPath.Find(Config, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>An integer at a path under <c>spec.config</c>.</summary>
    public long? ConfigInteger(params ReadOnlySpan<string> path) =>
        JsonPath.Find(Config, path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var n) ? n : null;
}
