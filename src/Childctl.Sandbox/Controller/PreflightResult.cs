namespace Childctl.Sandbox.Controller;

/// <summary>The conditions the checks set, in pipeline order, and the Warning event for a failed check.</summary>
internal sealed record PreflightResult(PreflightOutcome Outcome, IReadOnlyList<ConditionUpdate> Conditions, EventSpec? Warning);
