using System.Globalization;
using System.Text;

namespace Childctl.Sandbox.Storage;

/// <summary>Go's <c>%q</c> for strings, as the apiserver's messages quote bad values: printable text as is, escapes for the rest.</summary>
internal static class GoQuote
{
    public static string Quote(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"':
                    b.Append("\\\"");
                    break;
                case '\\':
                    b.Append("\\\\");
                    break;
                case '\n':
                    b.Append("\\n");
                    break;
                case '\r':
                    b.Append("\\r");
                    break;
                case '\t':
                    b.Append("\\t");
                    break;
                case < 0x20 or 0x7f:
                    b.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    b.Append(rune.ToString());
                    break;
            }
        }

        return b.Append('"').ToString();
    }
}
