using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;

namespace Childctl.Core.Operations;

/// <summary>
/// Everything <c>status</c> shows about one cluster: the live object and what is derived from it, its kubeconfig
/// Secret's availability, its Kubernetes Events, and, apart, the tail of its local history.
/// </summary>
public sealed record ClusterStatusReport(
    ClusterOverview Overview,
    KubeconfigAvailability Kubeconfig,
    IReadOnlyList<ClusterEvent> Events,
    HistoryExcerpt History);
