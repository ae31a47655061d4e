using System.Globalization;
using Childctl.Core.Errors;

namespace Childctl.Core.Operations;

/// <summary>
/// How a batch change is confirmed on a terminal, the same for every verb: for one cluster exactly 'yes', for more the exact
/// count, so a selector that caught more than expected is noticed; with no terminal, refuse (exit 2) rather than guess.
/// </summary>
internal static class Confirmation
{
    /// <summary>The question to ask before <paramref name="verb"/>-ing <paramref name="count"/> clusters ("Upgrade", "Delete").</summary>
    public static string Question(string verb, int count) => count == 1
        ? $"{verb} this cluster? Type 'yes' to confirm: "
        : $"{verb} these {count} clusters? Type the number of clusters ({count}) to confirm: ";

    /// <summary>
    /// Whether the typed answer confirms: exactly what <see cref="Question"/> asks for — <c>yes</c> for one cluster, the
    /// count for more — with only the line's surrounding blanks ignored; <c>y</c>, <c>YES</c> or <c>yes please</c> do not.
    /// </summary>
    public static bool IsConfirmed(string? answer, int count)
    {
        var text = answer?.Trim() ?? string.Empty;
        return text == (count == 1 ? "yes" : count.ToString(CultureInfo.InvariantCulture));
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
