using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Wait;

/// <summary>What <c>childctl wait</c> waits for.</summary>
public enum WaitGoal
{
    Ready,
    Deleted,
}

/// <summary>
/// One wait: which cluster, for what, how long. <see cref="NotBefore"/> is the start of the operation whose change is
/// awaited (create, scale, upgrade), so a Ready from before it is not trusted. <see cref="Uid"/> pins the incarnation:
/// another object under the same name is not the one awaited.
/// </summary>
public sealed record WaitRequest(string Namespace, string Name, WaitGoal Goal, TimeSpan Timeout, DateTimeOffset? NotBefore = null, string? Uid = null);

/// <summary>Where a wait stands after one observation of the cluster.</summary>
public enum WaitState
{
    /// <summary>Not there yet; keep watching.</summary>
    Pending,

    /// <summary>Ready, and the Ready can be trusted (goal Ready).</summary>
    Ready,

    /// <summary>k0rdent reports a terminal failure for the current spec (goal Ready): stop, exit 7.</summary>
    Failed,

    /// <summary>Being deleted, so it will never become Ready (goal Ready): stop, exit 7.</summary>
    Deleting,

    /// <summary>The object is gone: success for goal Deleted, not found for goal Ready.</summary>
    Gone,

    /// <summary>A dry run (<c>spec.dryRun</c>) whose current spec k0rdent validated (goal Ready): the wait is over, but the cluster is not ready and never will be; nothing is recorded.</summary>
    DryRun,
}

/// <summary>
/// The outcome of <see cref="WaitEvaluator.Evaluate"/>: the state, a one-line message, and while pending the
/// conditions that are not met yet (what a timeout reports), each as one line.
/// </summary>
public sealed record WaitVerdict(WaitState State, string Message, IReadOnlyList<string> Unmet, PhaseVerdict? Phase)
{
    public bool IsTerminal => State != WaitState.Pending;
}

/// <summary>What a wait knows after each change it saw: time waited, the object (null once gone) and the verdict.</summary>
public sealed record WaitSnapshot(TimeSpan Elapsed, ClusterDeployment? Cluster, WaitVerdict Verdict);

/// <summary>A wait that ended well: Ready or a validated DryRun (goal Ready), or Gone (goal Deleted), after how long, and the last object seen.</summary>
public sealed record WaitOutcome(WaitRequest Request, WaitState State, TimeSpan Elapsed, ClusterDeployment? Cluster, string Message);

/// <summary>
/// Told about a wait as it goes, synchronously and in order (unlike <see cref="IProgress{T}"/>), so a CLI can draw a
/// checklist: when it starts, every change it sees, and how it ended well. Implementations must not block.
/// </summary>
public interface IWaitObserver
{
    void OnWaiting(WaitRequest request);

    void OnUpdate(WaitSnapshot snapshot);

    void OnWaited(WaitOutcome outcome);
}

/// <summary>
/// Told about a change to a cluster (create, scale, upgrade) as soon as it is made, before any <c>--wait</c> that follows
/// it, so it can be shown at once; then about the wait.
/// </summary>
public interface IChangeObserver<in TResult> : IWaitObserver
{
    void OnChanged(TResult result);
}
