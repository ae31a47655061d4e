namespace Childctl.Core.Operations.Delete;

/// <summary>
/// One cluster a delete plan will remove, exactly as it was when the plan was made. The uid and
/// resourceVersion become the DELETE's preconditions, so a cluster recreated or changed since is refused; generation
/// and labels tell a real change (spec, labels) from k0rdent's own status writes, which move the resourceVersion too.
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
    DateTimeOffset? DeletionRequestedAt = null);
