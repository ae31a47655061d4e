using System.Globalization;
using Childctl.Core.Errors;

namespace Childctl.Core.Operations;

/// <summary>
/// How a batch change is confirmed on a terminal, the same for every verb: for one cluster 'yes', for more the exact
/// count, so a selector that caught more than expected is noticed; with no terminal, refuse (exit 2) rather than guess.
/// </summary>
internal static class Confirmation
{
    /// <summary>The question to ask before <paramref name="verb"/>-ing <paramref name="count"/> clusters ("Upgrade", "Delete").</summary>
    public static string Question(string verb, int count) => count == 1
        ? $"{verb} this cluster? Type 'yes' to confirm: "
        : $"{verb} these {count} clusters? Type the number of clusters ({count}) to confirm: ";

    /// <summary>Whether the typed answer confirms: 'yes' or 'y' for one cluster, the exact count for more.</summary>
    public static bool IsConfirmed(string? answer, int count)
    {
        var text = answer?.Trim() ?? string.Empty;
        return count == 1
            ? text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("y", StringComparison.OrdinalIgnoreCase)
            : text == count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Asks through <paramref name="ask"/>; throws (exit 2) when there is no one to ask or the answer does not confirm.</summary>
    public static async Task AskAsync(string verb, int count, bool canAsk, Func<string, CancellationToken, Task<string?>> ask, CancellationToken cancellationToken)
    {
        var lower = verb.ToLowerInvariant();
        if (!canAsk)
        {
            throw ChildctlException.InvalidInput(
                $"refusing to {lower} {count} cluster(s) without confirmation: stdin is not a terminal; pass --yes to {lower} without asking");
        }

        if (!IsConfirmed(await ask(Question(verb, count), cancellationToken), count))
        {
            throw ChildctlException.InvalidInput($"not confirmed; nothing was {lower}d");
        }
    }
}
