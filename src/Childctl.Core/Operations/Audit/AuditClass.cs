namespace Childctl.Core.Operations.Audit;

/// <summary>How a cluster's live object compares with what its local history says happened to it.</summary>
public enum AuditClass
{
    /// <summary>History accounts for the live object (or for its absence).</summary>
    InStep,

    /// <summary>Live, and history has no record of this uid's creation, nor of an earlier incarnation of the name.</summary>
    CreatedElsewhere,

    /// <summary>Live under a name whose history holds another uid: deleted and created again without a record.</summary>
    Recreated,

    /// <summary>The spec moved to a generation history does not account for: someone else changed it.</summary>
    ChangedElsewhere,

    /// <summary>Live but terminating, and history records no delete of this uid.</summary>
    DeletingElsewhere,

    /// <summary>History's latest incarnation has no delete recorded, and the API has no object with its uid.</summary>
    DeletedElsewhere,
}
