namespace Childctl.Core.Operations.Delete;

/// <summary>
/// What a delete will do, decided before anything is deleted: the clusters found (with the versions the
/// deletes will insist on) and the names asked for that do not exist.
/// </summary>
public sealed record DeletePlan(DeleteSelection Selection, IReadOnlyList<DeletePlanItem> Items, IReadOnlyList<string> MissingNames)
{
    public bool IsEmpty => Items.Count == 0;
}
