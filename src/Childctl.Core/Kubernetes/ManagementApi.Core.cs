using System.Text.Json;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Json;

namespace Childctl.Core.Kubernetes;

/// <summary>Core-group reads: the kubeconfig Secret and Events.</summary>
public sealed partial class ManagementApi
{
    /// <summary>
    /// Reads the Secret <c>&lt;name&gt;-kubeconfig</c> to learn whether the child's kubeconfig is there. The content is
    /// looked at only for presence and never leaves this method.
    /// </summary>
    public async Task<KubeconfigAvailability> GetKubeconfigAvailabilityAsync(string ns, string clusterName, CancellationToken cancellationToken)
    {
        var name = $"{clusterName}-kubeconfig";
        var target = ApiTarget.Get(ResourceKind.Secret, ns, name);
        try
        {
            var secret = await ReadAsync(target, ct => _transport.GetAsync(ApiPaths.Item(ResourceKind.Secret, ns, name), ct), cancellationToken);
            return JsonPath.Find(secret, "data", "value") is { ValueKind: JsonValueKind.String } value && !value.ValueEquals(string.Empty)
                ? KubeconfigAvailability.Available
                : KubeconfigAvailability.MissingValue;
        }
        catch (Errors.ChildctlException e) when (e.Kind == Errors.ErrorKind.NotFound)
        {
            return KubeconfigAvailability.NotYetAvailable;
        }
    }

    /// <summary>
    /// The Events about one object, oldest first. The server selects by <c>involvedObject</c> kind and name, so the
    /// call needs no prior read of the object; callers keep those whose <see cref="ClusterEvent.InvolvedUid"/> is the
    /// incarnation they read (a recreated cluster has the same name and a new uid).
    /// </summary>
    public Task<IReadOnlyList<ClusterEvent>> ListEventsAsync(string ns, string kind, string name, CancellationToken cancellationToken)
    {
        var target = ApiTarget.List(ResourceKind.Event, ns);
        var path = ApiPaths.WithQuery(ApiPaths.Collection(ResourceKind.Event, ns), ("fieldSelector", $"involvedObject.kind={kind},involvedObject.name={name}"));
        return ReadAsync<IReadOnlyList<ClusterEvent>>(target, async ct =>
        {
            var list = await _transport.GetAsync(path, ct);
            return JsonPath.Array(list, "items")
                .Where(e => JsonPath.Object(e, "involvedObject") is { } o && JsonPath.String(o, "name") == name && JsonPath.String(o, "kind") == kind)
                .Select(ToClusterEvent)
                .OrderBy(e => e.LastSeen ?? DateTimeOffset.MinValue)
                .ToList();
        }, cancellationToken);
    }

    private static ClusterEvent ToClusterEvent(JsonElement e)
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
            (involved is { } i ? JsonPath.String(i, "uid") : null) ?? string.Empty);
    }
}
