using System.Text.RegularExpressions;

namespace Childctl.Cli;

/// <summary>
/// The shell completion scripts call <c>childctl "[suggest:N]" "the command line"</c>. System.CommandLine's completion
/// throws on an option written with its value after '=' (<c>--output=y</c>), so the line is handed over with that
/// '=' turned into a space: one character for one, so the cursor position N still points at the same place, and
/// the value's candidates are offered as for <c>--output y</c>.
/// </summary>
internal static partial class SuggestDirective
{
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || !args[0].StartsWith("[suggest", StringComparison.Ordinal))
        {
            return args;
        }

        var copy = args.ToArray();
        copy[1] = OptionEquals().Replace(copy[1], "$1 ");
        return copy;
    }

    [GeneratedRegex(@"((?:^|\s)--?[A-Za-z][-A-Za-z0-9]*)=")]
    private static partial Regex OptionEquals();
}
