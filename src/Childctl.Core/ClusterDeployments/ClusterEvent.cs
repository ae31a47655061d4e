namespace Childctl.Core.ClusterDeployments;

/// <summary>A Kubernetes Event about a ClusterDeployment (they expire after about an hour on a real API server).</summary>
public sealed record ClusterEvent(
    string Type,
    string Reason,
    string Message,
    int Count,
    DateTimeOffset? LastSeen,
    string Source,
    string InvolvedUid);
