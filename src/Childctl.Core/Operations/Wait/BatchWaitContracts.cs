using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Listing;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// <c>wait NAME... | -l SELECTOR | --all [--for ready|deleted]</c>: the clusters to follow, what for, and for how long
/// (one deadline for all of them, counted from the start).
/// </summary>
public sealed record BatchWaitRequest(ClusterSelection Selection, WaitGoal Goal, TimeSpan Timeout);

/// <summary>
/// One cluster a batch wait follows, pinned to its incarnation by uid: an object under the same name with another uid is
/// not it. <see cref="NotBefore"/> is the start of the operation whose change is awaited (batch upgrade), as in
/// <see cref="WaitRequest.NotBefore"/>.
/// </summary>
public sealed record WaitTarget(string Namespace, string Name, string Uid, DateTimeOffset? CreationTimestamp, DateTimeOffset? NotBefore = null)
{
    public static WaitTarget Of(ClusterDeployment cluster, DateTimeOffset? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new WaitTarget(cluster.Namespace, cluster.Name, cluster.Uid, cluster.CreationTimestamp, notBefore);
    }
}

/// <summary>How one cluster's wait in a batch ended.</summary>
public enum BatchWaitOutcome
{
    /// <summary>Ready, and the Ready can be trusted (goal ready).</summary>
    Ready,

    /// <summary>Gone (goal deleted); also a named cluster that was not there at all.</summary>
    Deleted,

    /// <summary>k0rdent reported a terminal failure, or it is being deleted while awaited Ready.</summary>
    Failed,

    /// <summary>Not there (goal ready), or deleted while awaited Ready.</summary>
    NotFound,

    /// <summary>The deadline came first; the message lists what is unmet.</summary>
    TimedOut,
}

/// <summary>What happened to one cluster of a batch wait, after how long, with a one-line message.</summary>
public sealed record BatchWaitResult(string Namespace, string Name, BatchWaitOutcome Outcome, TimeSpan Elapsed, string Message)
{
    public bool Failed => Outcome is BatchWaitOutcome.Failed or BatchWaitOutcome.NotFound or BatchWaitOutcome.TimedOut;
}

/// <summary>Where one followed cluster stands now: its verdict (null before it has been seen), for a progress view.</summary>
public sealed record BatchWaitItem(WaitTarget Target, WaitVerdict? Verdict, BatchWaitResult? Result);

/// <summary>Every followed cluster after a change, in the order of the plan, and the time waited so far.</summary>
public sealed record BatchWaitSnapshot(TimeSpan Elapsed, WaitGoal Goal, IReadOnlyList<BatchWaitItem> Items);

/// <summary>How a batch wait ended: each cluster's result (in plan order) and the names asked for that were not found.</summary>
public sealed record BatchWaitSummary(WaitGoal Goal, IReadOnlyList<BatchWaitResult> Results, IReadOnlyList<string> MissingNames)
{
    public bool PartiallyFailed => Results.Any(r => r.Failed) || (Goal == WaitGoal.Ready && MissingNames.Count > 0);

    public int Succeeded => Results.Count(r => !r.Failed);
}

/// <summary>
/// Told about a batch wait as it goes, synchronously and in order: the clusters it follows, every change that moved one
/// of them, each cluster's end (as it happens), and the summary. Implementations must not block.
/// </summary>
public interface IBatchWaitObserver
{
    /// <param name="scope">How the selection reads (<c>-l env=dev -n kcm-system</c>).</param>
    void OnWaitingAll(IReadOnlyList<WaitTarget> targets, WaitGoal goal, TimeSpan timeout, string scope);

    void OnProgress(BatchWaitSnapshot snapshot);

    void OnWaitEnded(BatchWaitResult result, int ended, int total);

    void OnWaitSummary(BatchWaitSummary summary);
}
