namespace Childctl.Core.Operations.Delete;

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

    /// <summary>Any other failure (permission, API error); the message says which.</summary>
    Failed,
}
