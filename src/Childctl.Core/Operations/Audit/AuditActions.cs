using Childctl.Core.History;

namespace Childctl.Core.Operations.Audit;

/// <summary>The history actions <c>audit --record</c> appends (besides <c>observed_deleted</c>), all with source <c>observed</c>.</summary>
public static class AuditActions
{
    public const string ObservedCreatedElsewhere = "observed_created_elsewhere";
    public const string ObservedRecreated = "observed_recreated";
    public const string ObservedChangedElsewhere = "observed_changed_elsewhere";
    public const string ObservedDeletionRequested = "observed_deletion_requested";

    /// <summary>The action a finding of <paramref name="kind"/> is recorded as (the previous incarnation of a recreated one also gets <c>observed_deleted</c>).</summary>
    public static string For(AuditClass kind) => kind switch
    {
        AuditClass.CreatedElsewhere => ObservedCreatedElsewhere,
        AuditClass.Recreated => ObservedRecreated,
        AuditClass.ChangedElsewhere => ObservedChangedElsewhere,
        AuditClass.DeletingElsewhere => ObservedDeletionRequested,
        AuditClass.DeletedElsewhere => HistoryActions.ObservedDeleted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "an in-step cluster records nothing"),
    };
}
