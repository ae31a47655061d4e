namespace Childctl.Core.Operations.Delete;

/// <summary>What happened to one planned cluster.</summary>
public sealed record DeleteItemResult(DeletePlanItem Item, DeleteOutcome Outcome, string? Message)
{
    public bool Failed => Outcome is DeleteOutcome.Refused or DeleteOutcome.Failed;
}
