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

/// <summary>
/// Reads the scalar forms <see cref="EventBlockWriter"/> produces: plain words, double-quoted strings with YAML
/// escapes, and one-line flow maps and lists of those. Anything else returns false, never throws.
/// </summary>
internal static class FastScalars
{
    /// <summary>A whole value: plain or double-quoted, nothing after it.</summary>
    public static bool TryValue(ReadOnlySpan<char> text, out string? value)
    {
        var i = 0;
        return TryScalar(text, ref i, inFlow: false, out value) && i == text.Length;
    }

    public static bool TryFlowMap(ReadOnlySpan<char> text, out Dictionary<string, string> map)
    {
        map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}')
        {
            return false;
        }

        var i = 1;
        while (i < text.Length - 1)
        {
            if (!TryScalar(text, ref i, inFlow: true, out var key) || key is null || !Expect(text, ref i, ": ")
                || !TryScalar(text, ref i, inFlow: true, out var value) || value is null)
            {
                return false;
            }

            if (!map.TryAdd(key, value))
            {
                return false; // a key given twice: the full parser reports it
            }

            if (i < text.Length - 1 && !Expect(text, ref i, ", "))
            {
                return false;
            }
        }

        return i == text.Length - 1;
    }

    public static bool TryFlowList(ReadOnlySpan<char> text, out List<string> list)
    {
        list = [];
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            return false;
        }

        var i = 1;
        while (i < text.Length - 1)
        {
            if (!TryScalar(text, ref i, inFlow: true, out var item) || item is null)
            {
                return false;
            }

            list.Add(item);
            if (i < text.Length - 1 && !Expect(text, ref i, ", "))
            {
                return false;
            }
        }

        return i == text.Length - 1;
    }

    private static bool Expect(ReadOnlySpan<char> text, ref int i, string what)
    {
        if (!text[i..].StartsWith(what, StringComparison.Ordinal))
        {
            return false;
        }

        i += what.Length;
        return true;
    }

    private static bool TryScalar(ReadOnlySpan<char> text, ref int i, bool inFlow, out string? value)
    {
        value = null;
        if (i >= text.Length)
        {
            return false;
        }

        if (text[i] == '"')
        {
            return TryQuoted(text, ref i, out value);
        }

        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_' or '/' or '-'))
        {
            i++;
        }

        if (i == start || !char.IsAsciiLetterOrDigit(text[start]) || (!inFlow && i != text.Length))
        {
            return false;
        }

        var plain = text[start..i].ToString();
        value = plain is "null" or "Null" or "NULL" ? null : plain;
        return true;
    }

    private static bool TryQuoted(ReadOnlySpan<char> text, ref int i, out string? value)
    {
        value = null;
        var result = new StringBuilder();
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                value = result.ToString();
                return true;
            }

            if (IsNotYamlPrintable(c))
            {
                return false; // YAML forbids it raw; let the general parser say so
            }

            if (c != '\\')
            {
                result.Append(c);
            }
            else if (i + 1 >= text.Length || !TryEscape(text, ref i, result))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsNotYamlPrintable(char c) =>
        (c < 0x20 && c != '\t') || c is (>= '\u007f' and <= '\u0084') or (>= '\u0086' and <= '\u009f') or '\ufffe' or '\uffff' or '\ufeff';

    private static bool TryEscape(ReadOnlySpan<char> text, ref int i, StringBuilder result)
    {
        var code = text[++i];
        var simple = code switch
        {
            '\\' => "\\", '"' => "\"", '/' => "/", 'n' => "\n", 'r' => "\r", 't' => "\t", '0' => "\0",
            'N' => "\u0085", 'L' => "\u2028", 'P' => "\u2029", _ => null,
        };
        if (simple is not null)
        {
            result.Append(simple);
            return true;
        }

        var digits = code switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
        if (digits == 0 || i + digits >= text.Length
            || !int.TryParse(text.Slice(i + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var scalar)
            || !Rune.IsValid(scalar))
        {
            return false;
        }

        result.Append(new Rune(scalar).ToString());
        i += digits;
        return true;
    }
}
