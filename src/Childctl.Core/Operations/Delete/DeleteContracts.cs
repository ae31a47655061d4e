using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Listing;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Delete;

/// <summary>
/// A <c>delete</c>: explicit names, or a filter, or everything (<see cref="All"/>), in the session's namespace or all.
/// Names and filters do not mix: a name says exactly what to delete. <see cref="Yes"/> skips the confirmation,
/// <see cref="DryRun"/> stops after the plan, <see cref="Wait"/> follows the deleted clusters until they are gone.
/// </summary>
public sealed record DeleteRequest
{
    public IReadOnlyList<string> Names { get; init; } = [];

    public ClusterFilter Filter { get; init; } = ClusterFilter.None;

    public bool All { get; init; }

    public bool Yes { get; init; }

    public bool DryRun { get; init; }

    /// <summary>How long to wait for the deleted clusters to be gone; null: do not wait.</summary>
    public TimeSpan? Wait { get; init; }

    public string? Reason { get; init; }
}

/// <summary>
/// What a delete will do, decided before anything is deleted: the selection read live (its namespace, null with -A,
/// and the names asked for that do not exist) and the clusters found, with the versions the deletes will insist on.
/// </summary>
public sealed record DeletePlan(ResolvedSelection Selection, IReadOnlyList<DeletePlanItem> Items)
{
    public IReadOnlyList<string> MissingNames => Selection.MissingNames;

    public bool IsEmpty => Items.Count == 0;
}

/// <summary>
/// One cluster a delete plan will remove, exactly as it was when the plan was made. The uid and resourceVersion become
/// the DELETE's preconditions, so a cluster recreated or changed since is refused; generation and labels tell a real
/// change (spec, labels) from k0rdent's own status writes, which move the resourceVersion too.
/// <see cref="DeletionRequestedAt"/> is set when the cluster was already being deleted when the plan was made.
/// </summary>
public sealed record DeletePlanItem(
    string Namespace,
    string Name,
    string Uid,
    string ResourceVersion,
    string Phase,
    string? Provider,
    string? Region,
    DateTimeOffset? CreationTimestamp,
    long Generation,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? DeletionRequestedAt = null)
{
    /// <summary>The object the plan listed, from which a recreate under its name is recognised before the delete is recorded.</summary>
    internal ClusterDeployment? Cluster { get; init; }
}

/// <summary>The result of one delete of a plan.</summary>
public enum DeleteOutcome
{
    /// <summary>The API accepted the delete (the object is terminating or already gone from the API).</summary>
    Deleted,

    /// <summary>It was gone before the delete reached it; nothing to do.</summary>
    AlreadyGone,

    /// <summary>
    /// Its deletion had already been requested (it has a deletionTimestamp): nothing is sent and nothing recorded, so
    /// history does not claim a second deletion; <c>--wait</c> still follows it until it is gone.
    /// </summary>
    AlreadyDeleting,

    /// <summary>Refused by the preconditions: changed or recreated since the plan.</summary>
    Refused,

    /// <summary>
    /// The DELETE got no answer and reading the object back could not tell whether it was made: recorded as unknown, to
    /// be settled by the next command about the cluster.
    /// </summary>
    Unknown,

    /// <summary>Any other failure (permission, API error, a history file that cannot take the record); the message says which.</summary>
    Failed,
}

/// <summary>
/// What happened to one planned cluster; <paramref name="ErrorKind"/> says why a <see cref="DeleteOutcome.Failed"/> one
/// failed (permission, unreachable, ...), so that a single delete ends with that error's exit code.
/// </summary>
public sealed record DeleteItemResult(DeletePlanItem Item, DeleteOutcome Outcome, string? Message, ErrorKind? ErrorKind = null)
{
    public bool Failed => Outcome is DeleteOutcome.Refused or DeleteOutcome.Failed or DeleteOutcome.Unknown;
}

/// <summary>
/// How a delete ended without an error: the plan, each cluster's result, whether some part failed (a cluster named
/// that does not exist, or one that could not be deleted: exit 8), and the merged kubeconfig contexts left pointing at
/// the clusters that went.
/// </summary>
public sealed record DeleteSummary(DeletePlan Plan, IReadOnlyList<DeleteItemResult> Results)
{
    public bool PartiallyFailed => Plan.MissingNames.Count > 0 || Results.Any(r => r.Failed);

    /// <summary>
    /// The contexts that <c>kubeconfig --merge</c> added, in the kubeconfig files in use, that point at a cluster deleted,
    /// already being deleted or already gone, in the order of <see cref="Results"/>; <c>kubeconfig NAME --forget</c> removes them.
    /// </summary>
    public IReadOnlyList<MergedContext> MergedContexts { get; init; } = [];
}

/// <summary>
/// The person at the other end of a delete: shown the plan, asked to confirm when there is a terminal, told each result
/// and, with <c>--wait</c>, each cluster gone. Calls are synchronous and in order, except the question.
/// </summary>
public interface IDeleteInteraction
{
    /// <summary>Whether there is someone to ask (a terminal on stdin).</summary>
    bool CanAsk { get; }

    /// <summary>The plan is made: the names not found, then what will go (or that nothing matches).</summary>
    void OnPlan(DeletePlan plan);

    /// <summary>Asks the question and returns what was typed (null at end of input).</summary>
    Task<string?> AskAsync(string question, CancellationToken cancellationToken);

    /// <summary>A dry run (or an empty plan) stops after the plan; nothing was deleted.</summary>
    void OnStoppedAfterPlan(DeletePlan plan);

    void OnResult(DeleteItemResult result);

    void OnGone(DeletePlanItem item, int goneCount, int total);

    void OnAllGone(int count);
}
