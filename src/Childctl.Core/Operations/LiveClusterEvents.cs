using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations;

/// <summary>
/// The Kubernetes Events of one incarnation, read live for <c>history NAME --with-events</c> and never stored.
/// <see cref="Uid"/> is the live object's, or (when it is gone) the latest incarnation history knows, whose Events may
/// outlive it for a while; null when there is neither. <see cref="ObjectExists"/> says which.
/// </summary>
public sealed record LiveClusterEvents(string? Uid, bool ObjectExists, IReadOnlyList<ClusterEvent> Events);
