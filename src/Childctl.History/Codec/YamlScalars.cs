using System.Globalization;
using System.Text;

namespace Childctl.History.Codec;

/// <summary>
/// Writes YAML scalars so that every value fits on one line and reads back as the same text: plain when
/// unambiguous, otherwise double-quoted with escapes. One line per value is what makes a torn tail
/// detectable line by line (see <see cref="TailInspector"/>).
/// </summary>
public static class YamlScalars
{
    private static readonly string[] Reserved =
        ["null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N"];

    public static string Format(string value) => IsPlainSafe(value) ? value : Quote(value);

    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        text.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            AppendEscaped(text, rune);
        }

        return text.Append('"').ToString();
    }

    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        "\"" + timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "\"";

    /// <summary>Identifiers, names and words: letters, digits and <c>._/-</c>, not a number, bool or null.</summary>
    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || value.Length > 200 || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '/' or '-'))
            {
                return false;
            }
        }

        return !Reserved.Contains(value) && !LooksNumeric(value);
    }

    private static bool LooksNumeric(string value) =>
        char.IsAsciiDigit(value[0]) && value.All(c => char.IsAsciiDigit(c) || c is '.' or '_' or '-' or 'e' or 'E' or 'x' or 'o' or 'b' or (>= 'a' and <= 'f') or (>= 'A' and <= 'F'))
        || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || value.StartsWith(".inf", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith(".nan", StringComparison.OrdinalIgnoreCase);

    private static void AppendEscaped(StringBuilder text, Rune rune)
    {
        switch (rune.Value)
        {
            case '"': text.Append("\\\""); return;
            case '\\': text.Append("\\\\"); return;
            case '\n': text.Append("\\n"); return;
            case '\r': text.Append("\\r"); return;
            case '\t': text.Append("\\t"); return;
            case 0: text.Append("\\0"); return;
            case 0x85: text.Append("\\N"); return;
            case 0x2028: text.Append("\\L"); return;
            case 0x2029: text.Append("\\P"); return;
            case 0xFEFF: text.Append("\\uFEFF"); return;
        }

        if (rune.Value < 0x20 || rune.Value is >= 0x7F and < 0xA0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:X2}");
        }
        else
        {
            text.Append(rune.ToString());
        }
    }
}
