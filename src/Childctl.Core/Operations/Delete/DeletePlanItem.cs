namespace Childctl.Core.Operations.Delete;

/// <summary>
/// One cluster a delete plan will remove, exactly as it was when the plan was made. The uid and
/// resourceVersion become the DELETE's preconditions, so a cluster recreated or changed since is refused.
/// </summary>
public sealed record DeletePlanItem(
    string Namespace,
    string Name,
    string Uid,
    string ResourceVersion,
    string Phase,
    string? Provider,
    string? Region,
    DateTimeOffset? CreationTimestamp);
