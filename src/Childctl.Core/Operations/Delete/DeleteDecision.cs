namespace Childctl.Core.Operations.Delete;

/// <summary>See <see cref="DeleteConfirmation.Decide"/>.</summary>
public enum DeleteDecision
{
    /// <summary>Show the plan and delete nothing (<c>--dry-run</c>, or nothing matched).</summary>
    StopAfterPlan,

    /// <summary>Delete without asking (<c>--yes</c>).</summary>
    Proceed,

    /// <summary>Ask on the terminal.</summary>
    Prompt,

    /// <summary>No terminal to ask and no <c>--yes</c>: refuse (exit 2).</summary>
    Refuse,
}
