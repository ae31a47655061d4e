namespace Childctl.Core.Operations.Delete;

/// <summary>
/// The rule for going from a plan to deleting: a dry run stops after the plan; <c>--yes</c> goes ahead; on a
/// terminal the user must confirm (for more than one cluster by typing the count, so a selector that caught
/// more than expected is noticed); with no terminal and no <c>--yes</c>, refuse rather than guess.
/// </summary>
public static class DeleteConfirmation
{
    public static DeleteDecision Decide(int clusterCount, bool yes, bool dryRun, bool canPrompt)
    {
        if (dryRun || clusterCount == 0)
        {
            return DeleteDecision.StopAfterPlan;
        }

        if (yes)
        {
            return DeleteDecision.Proceed;
        }

        return canPrompt ? DeleteDecision.Prompt : DeleteDecision.Refuse;
    }

    /// <summary>The question to ask on a terminal.</summary>
    public static string Question(int clusterCount) => clusterCount == 1
        ? "Delete this cluster? Type 'yes' to confirm: "
        : $"Delete these {clusterCount} clusters? Type the number of clusters ({clusterCount}) to confirm: ";

    /// <summary>Whether the typed answer confirms: 'yes' or 'y' for one cluster, the exact count for more.</summary>
    public static bool IsConfirmed(string? answer, int clusterCount)
    {
        var text = answer?.Trim() ?? string.Empty;
        return clusterCount == 1
            ? text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("y", StringComparison.OrdinalIgnoreCase)
            : text == clusterCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
