namespace Childctl.Core.Operations.Wait;

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
}
