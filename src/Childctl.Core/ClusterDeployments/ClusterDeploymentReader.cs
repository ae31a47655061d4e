using System.Text.Json;
using Childctl.Kubernetes;

namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// Builds <see cref="ClusterDeployment"/> read-models straight from the served JSON. It reads only the fields it
/// needs and keeps a reference to the element, so 5,000 objects cost one parse and no copies.
/// </summary>
internal static class ClusterDeploymentReader
{
    public static ClusterDeployment Read(JsonElement obj)
    {
        var metadata = JsonPath.Object(obj, "metadata");
        var spec = JsonPath.Object(obj, "spec");
        var status = JsonPath.Object(obj, "status");
        return new ClusterDeployment
        {
            Name = metadata is { } m ? JsonPath.String(m, "name") ?? string.Empty : string.Empty,
            Namespace = metadata is { } n ? JsonPath.String(n, "namespace") ?? string.Empty : string.Empty,
            Uid = metadata is { } u ? JsonPath.String(u, "uid") ?? string.Empty : string.Empty,
            ResourceVersion = metadata is { } r ? JsonPath.String(r, "resourceVersion") ?? string.Empty : string.Empty,
            Generation = metadata is { } g ? JsonPath.Integer(g, "generation") ?? 0 : 0,
            CreationTimestamp = metadata is { } c ? JsonPath.Timestamp(c, "creationTimestamp") : null,
            DeletionTimestamp = metadata is { } d ? JsonPath.Timestamp(d, "deletionTimestamp") : null,
            Labels = JsonPath.StringMap(metadata, "labels"),
            Template = spec is { } t ? JsonPath.String(t, "template") ?? string.Empty : string.Empty,
            Credential = spec is { } cr ? JsonPath.String(cr, "credential") : null,
            DryRun = spec is { } dr && JsonPath.Boolean(dr, "dryRun"),
            Config = spec is { } cf ? JsonPath.Object(cf, "config") : null,
            HasStatus = status is not null,
            ObservedGeneration = status is { } o ? JsonPath.Integer(o, "observedGeneration") : null,
            Conditions = ReadConditions(status),
            Services = ReadServices(spec, status),
            AvailableUpgrades = JsonPath.Strings(status, "availableUpgrades"),
            K8sVersion = status is { } k ? NullIfEmpty(JsonPath.String(k, "k8sVersion")) : null,
            StatusRegion = status is { } sr ? NullIfEmpty(JsonPath.String(sr, "region")) : null,
            Raw = obj,
        };
    }

    /// <summary>Reads <c>status.conditions</c> of any object (ClusterDeployment, Credential).</summary>
    public static IReadOnlyList<Condition> ReadConditions(JsonElement? status)
    {
        var result = new List<Condition>(8);
        foreach (var c in JsonPath.Array(status, "conditions"))
        {
            result.Add(new Condition(
                JsonPath.String(c, "type") ?? string.Empty,
                JsonPath.String(c, "status") ?? "Unknown",
                JsonPath.String(c, "reason") ?? string.Empty,
                JsonPath.String(c, "message") ?? string.Empty,
                JsonPath.Timestamp(c, "lastTransitionTime"),
                JsonPath.Integer(c, "observedGeneration")));
        }

        return result;
    }

    private static List<ServiceState> ReadServices(JsonElement? spec, JsonElement? status)
    {
        var reported = new List<JsonElement>(JsonPath.Array(status, "services"));
        var result = new List<ServiceState>();
        var serviceSpec = spec is { } s ? JsonPath.Object(s, "serviceSpec") : null;
        foreach (var declared in JsonPath.Array(serviceSpec, "services"))
        {
            var name = JsonPath.String(declared, "name") ?? string.Empty;
            var ns = JsonPath.String(declared, "namespace") ?? "default";
            var index = reported.FindIndex(r => JsonPath.String(r, "name") == name && (JsonPath.String(r, "namespace") ?? "default") == ns);
            var match = index >= 0 ? reported[index] : (JsonElement?)null;
            if (index >= 0)
            {
                reported.RemoveAt(index);
            }

            result.Add(ToState(declared, match));
        }

        result.AddRange(reported.Select(r => ToState(r, r)));
        return result;
    }

    private static ServiceState ToState(JsonElement declared, JsonElement? reported) => new(
        JsonPath.String(declared, "name") ?? string.Empty,
        JsonPath.String(declared, "namespace") ?? "default",
        JsonPath.String(declared, "template") ?? (reported is { } t ? JsonPath.String(t, "template") : null) ?? string.Empty,
        reported is { } r ? JsonPath.String(r, "state") : null,
        reported is { } f ? NullIfEmpty(JsonPath.String(f, "failureMessage")) : null);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
