using Childctl.Core.Errors;

namespace Childctl.Core.Operations.Delete;

/// <summary>
/// What happened to one planned cluster; <paramref name="ErrorKind"/> says why a <see cref="DeleteOutcome.Failed"/>
/// one failed (permission, unreachable, ...), so that a single delete ends with that error's exit code.
/// </summary>
public sealed record DeleteItemResult(DeletePlanItem Item, DeleteOutcome Outcome, string? Message, ErrorKind? ErrorKind = null)
{
    public bool Failed => Outcome is DeleteOutcome.Refused or DeleteOutcome.Failed;
}
