using System.CommandLine.Parsing;
using System.Globalization;
using Childctl.Core.Errors;

namespace Childctl.Cli;

/// <summary>
/// Durations and times as users type them: Go-style durations as in kubectl (<c>30s</c>, <c>5m</c>, <c>1h30m</c>,
/// <c>250ms</c>; a bare number means seconds, as in kubectl's <c>--request-timeout</c>), and for <c>--since</c>/<c>--until</c>
/// an RFC 3339 time (<c>2025-07-11T14:30:00Z</c>, or a date) or a duration back from now (<c>2h</c>, <c>7d</c>).
/// </summary>
internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            if (bare < 0)
            {
                return false;
            }

            value = TimeSpan.FromSeconds(bare);
            return true;
        }

        var total = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            double? seconds = text[unitStart..i] switch
            {
                "ms" => number / 1000,
                "s" => number,
                "m" => number * 60,
                "h" => number * 3600,
                "d" => number * 86400,
                _ => null,
            };
            if (seconds is null)
            {
                return false;
            }

            total += seconds.Value;
        }

        value = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>Custom parser for options of type <c>TimeSpan?</c>; adds a parse error on bad text.</summary>
    public static TimeSpan? ParseOptionValue(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"invalid duration '{text}': use a number with a unit, e.g. 30s, 5m or 1h30m");
        return null;
    }

    /// <summary>A <c>--since</c>/<c>--until</c> value as an instant, or null when not given.</summary>
    public static DateTimeOffset? TimeOrAgo(string? text, string option, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (char.IsAsciiDigit(text[^1]) is false && TryParse(text, out var ago))
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
