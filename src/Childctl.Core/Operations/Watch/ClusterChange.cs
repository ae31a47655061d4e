using Childctl.Core.ClusterDeployments;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Watch;

/// <summary>
/// One change <c>childctl watch</c> saw: the kind of change, the object, its phase now and before (null when first
/// seen); the Synced marker has no object. <see cref="PhaseChanged"/> is what the human views show; <c>-o json</c> shows every change.
/// </summary>
public sealed record ClusterChange(WatchChangeKind Kind, ClusterDeployment? Cluster, PhaseVerdict? Verdict, PhaseVerdict? Previous, DateTimeOffset SeenAt)
{
    public bool PhaseChanged => Kind is WatchChangeKind.Added or WatchChangeKind.Deleted || (Kind == WatchChangeKind.Modified && Previous != Verdict);
}
