using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// The outcome of <see cref="WaitEvaluator.Evaluate"/>: the state, a one-line message, and while pending the
/// conditions that are not met yet (what a timeout reports), each as one line.
/// </summary>
public sealed record WaitVerdict(WaitState State, string Message, IReadOnlyList<string> Unmet, PhaseVerdict? Phase)
{
    public bool IsTerminal => State != WaitState.Pending;
}
