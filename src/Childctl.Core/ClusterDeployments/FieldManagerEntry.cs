namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// One entry of <c>metadata.managedFields</c>: who wrote the object (the field manager: <c>kubectl-patch</c>,
/// <c>kubectl-client-side-apply</c>, <c>childctl</c>, a GitOps controller...), how (<c>Update</c> or <c>Apply</c>), to which
/// subresource (<c>status</c> for controllers' status writes, null for the object itself) and when it last did.
/// </summary>
public sealed record FieldManagerEntry(string Manager, string? Operation, string? Subresource, DateTimeOffset? Time)
{
    /// <summary>True for writes to the object itself rather than its status.</summary>
    public bool IsMainResource => string.IsNullOrEmpty(Subresource);
}
