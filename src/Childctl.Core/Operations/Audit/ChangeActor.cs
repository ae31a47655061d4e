namespace Childctl.Core.Operations.Audit;

/// <summary>
/// Who wrote the object, as far as the API can tell: a managedFields manager, its operation and time. When the manager
/// is childctl (another operator's machine, whose history is not this one), the provenance annotations name the
/// operator and the operation id.
/// </summary>
public sealed record ChangeActor(string Manager, string? Operation, DateTimeOffset? Time, string? ChildctlOperator = null, string? ChildctlOperation = null)
{
    /// <summary>"kubectl-patch", or "childctl (operator rbias, operation 01J...)".</summary>
    public string Describe() =>
        ChildctlOperator is null && ChildctlOperation is null
            ? Manager
            : $"{Manager} (operator {ChildctlOperator ?? "unknown"}, operation {ChildctlOperation ?? "unknown"})";
}
