namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// The outcome of <see cref="PhaseRule"/>: the phase, whether the cluster may be called ready (only in
/// <see cref="ClusterPhase.Ready"/>), and one line saying why, fit for a table cell.
/// </summary>
public sealed record PhaseVerdict(ClusterPhase Phase, string Reason)
{
    public bool IsReady => Phase == ClusterPhase.Ready;
}
