using System.Globalization;
using Childctl.Core.Errors;

namespace Childctl.Cli;

/// <summary>
/// <c>--since</c>/<c>--until</c> values: an RFC 3339 time (<c>2025-07-11T14:30:00Z</c>, or a date), or a duration
/// back from now (<c>2h</c>, <c>7d</c>, <c>1h30m</c>).
/// </summary>
internal static class HistoryTimes
{
    public static DateTimeOffset? Parse(string? text, string option, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (char.IsAsciiDigit(text[^1]) is false && Durations.TryParse(text, out var ago))
        {
            return now - ago;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        throw ChildctlException.InvalidInput($"invalid {option} '{text}': use an RFC 3339 time such as 2025-07-11T14:30:00Z, or a duration such as 2h or 7d");
    }
}
