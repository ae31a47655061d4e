using System.Globalization;
using System.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// Decides how a string is written in YAML: plain when no YAML 1.1 or 1.2 reader could take it for anything but
/// that string, double-quoted with escapes otherwise (numbers, booleans, dates, indicators, line breaks, ...).
/// </summary>
internal static class YamlScalars
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf", ".nan", "<<", "=",
    };

    public static string Key(string key) => String(key);

    public static string String(string text) => IsPlainSafe(text) ? text : Quote(text);

    private static bool IsPlainSafe(string text)
    {
        if (text.Length == 0 || Reserved.Contains(text) || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        if ("-?:,[]{}#&*!|>'\"%@`.+".Contains(text[0], StringComparison.Ordinal) || char.IsAsciiDigit(text[0]) || text[^1] == ':')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF')
            {
                return false;
            }
        }

        return !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal);
    }

    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                _ when char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF' =>
                    quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
