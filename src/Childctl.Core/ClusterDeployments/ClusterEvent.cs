using System.Text.Json;
using Childctl.Kubernetes;

namespace Childctl.Core.ClusterDeployments;

/// <summary>A Kubernetes Event about a ClusterDeployment (they expire after about an hour on a real API server).</summary>
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
            (involved is { } i ? JsonPath.String(i, "uid") : null) ?? string.Empty);
    }
}
