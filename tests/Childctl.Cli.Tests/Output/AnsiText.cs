using System.Text.RegularExpressions;

namespace Childctl.Cli.Tests.Output;

/// <summary>Reads coloured output the way a test needs to: the text without its SGR sequences, and whether it has any.</summary>
internal static partial class AnsiText
{
    public static string Strip(string text) => Sgr().Replace(text, string.Empty);

    public static bool HasColor(string text) => text.Contains('\e', StringComparison.Ordinal);

    [GeneratedRegex(@"\e\[[0-9;]*m")]
    private static partial Regex Sgr();
}
