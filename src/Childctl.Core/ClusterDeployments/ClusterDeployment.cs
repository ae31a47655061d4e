using System.Text.Json;
using Childctl.Core.Templates;
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

/// <summary>One <c>metav1.Condition</c> as k0rdent writes it on a ClusterDeployment or Credential.</summary>
public sealed record Condition(
    string Type,
    string Status,
    string Reason,
    string Message,
    DateTimeOffset? LastTransitionTime,
    long? ObservedGeneration)
{
    public bool IsTrue => Status == "True";

    public bool IsFalse => Status == "False";

    public bool IsUnknown => !IsTrue && !IsFalse;
}

/// <summary>
/// One add-on service of a ClusterDeployment: declared in <c>spec.serviceSpec.services</c> and, once the
/// controller reports it, with its state from <c>status.services</c> (null <see cref="State"/> until then).
/// </summary>
public sealed record ServiceState(
    string Name,
    string Namespace,
    string Template,
    string? State,
    string? FailureMessage);

/// <summary>Whether the child's <c>&lt;name&gt;-kubeconfig</c> Secret (key <c>value</c>) can be read yet (REFERENCE.md §7).</summary>
public enum KubeconfigAvailability
{
    /// <summary>The Secret exists and has a non-empty <c>value</c>.</summary>
    Available,

    /// <summary>No Secret yet: it appears once the control plane has an endpoint.</summary>
    NotYetAvailable,

    /// <summary>The Secret exists but has no <c>value</c> key.</summary>
    MissingValue,
}

/// <summary>
/// A Kubernetes Event about a ClusterDeployment (they expire after about an hour on a real API server): what it says,
/// and, for <c>events</c>, which object it is about (<see cref="Namespace"/>, <see cref="InvolvedName"/>), its own
/// identity for a watch, and the served object (<see cref="Raw"/>) for <c>-o json|yaml</c>.
/// </summary>
public sealed record ClusterEvent(
    string Type,
    string Reason,
    string Message,
    int Count,
    DateTimeOffset? LastSeen,
    string Source,
    string InvolvedUid)
{
    /// <summary>An Event as served; its time is the last seen, else the event time, the first seen, or its creation.</summary>
    public static ClusterEvent Read(JsonElement e)
    {
        var metadata = JsonPath.Object(e, "metadata");
        var involved = JsonPath.Object(e, "involvedObject");
        var source = JsonPath.Object(e, "source");
        var last = JsonPath.Timestamp(e, "lastTimestamp") ?? JsonPath.Timestamp(e, "eventTime") ?? JsonPath.Timestamp(e, "firstTimestamp")
            ?? (metadata is { } m ? JsonPath.Timestamp(m, "creationTimestamp") : null);
        return new ClusterEvent(
            JsonPath.String(e, "type") ?? "Normal",
            JsonPath.String(e, "reason") ?? string.Empty,
            JsonPath.String(e, "message") ?? string.Empty,
            (int)(JsonPath.Integer(e, "count") ?? 1),
            last,
            (source is { } s ? JsonPath.String(s, "component") : null) ?? JsonPath.String(e, "reportingComponent") ?? string.Empty,
            (involved is { } i ? JsonPath.String(i, "uid") : null) ?? string.Empty)
        {
            Namespace = (metadata is { } m2 ? JsonPath.String(m2, "namespace") : null) ?? string.Empty,
            EventName = (metadata is { } m3 ? JsonPath.String(m3, "name") : null) ?? string.Empty,
            EventUid = (metadata is { } m4 ? JsonPath.String(m4, "uid") : null) ?? string.Empty,
            ResourceVersion = (metadata is { } m5 ? JsonPath.String(m5, "resourceVersion") : null) ?? string.Empty,
            InvolvedName = (involved is { } n ? JsonPath.String(n, "name") : null) ?? string.Empty,
            Raw = e,
        };
    }

    public string Namespace { get; init; } = string.Empty;

    public string EventName { get; init; } = string.Empty;

    public string EventUid { get; init; } = string.Empty;

    public string ResourceVersion { get; init; } = string.Empty;

    /// <summary>The name of the ClusterDeployment the Event is about.</summary>
    public string InvolvedName { get; init; } = string.Empty;

    public JsonElement Raw { get; init; }
}

/// <summary>
/// One ClusterDeployment with what childctl derives from it live: the verdict of <see cref="PhaseRule"/>, the
/// provider (from its template's <c>status.providers</c>) and region (from <c>spec.config</c>), and the defaults
/// its template fills in. Every command builds these the same way, through <see cref="Create"/>.
/// </summary>
public sealed record ClusterOverview(
    ClusterDeployment Cluster,
    PhaseVerdict Verdict,
    string? Provider,
    string? Region,
    string? KubernetesVersion,
    long? Workers)
{
    internal static ClusterOverview Create(ClusterDeployment cluster, TemplateCatalog templates)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(templates);
        var template = templates.Find(cluster.Namespace, cluster.Template);
        var provider = template?.InfrastructureProvider;
        return new ClusterOverview(
            cluster,
            PhaseRule.Evaluate(cluster),
            provider,
            CloudProvider.RegionOf(cluster, provider),
            cluster.K8sVersion ?? cluster.ConfigString("k0s", "version") ?? template?.K8sVersion ?? template?.K0sVersion,
            cluster.ConfigInteger("workersNumber") ?? template?.DefaultWorkers);
    }

    /// <summary>The ServicesInReadyState message (<c>ready/total</c>), as kubectl's SERVICES column shows it.</summary>
    public string? ServicesSummary => Cluster.FindCondition(ConditionTypes.ServicesInReadyState)?.Message is { Length: > 0 } m ? m : null;
}
