using System.CommandLine.Parsing;
using System.Globalization;

namespace Childctl.Cli;

/// <summary>
/// Go-style durations as kubectl users type them: <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>.
/// A bare number means seconds, as in kubectl's <c>--request-timeout</c>.
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
}
