using System.CommandLine;
using System.Text.RegularExpressions;
using Childctl.Core.Errors;

namespace Childctl.Cli;

/// <summary>
/// Accepts unambiguous prefixes of command names (<c>childctl hist</c> = <c>history</c>), at every level
/// of the command tree, as the users' earlier CLI spec asked. An exact name or alias always wins; a prefix
/// that fits several commands is an error that lists them.
/// </summary>
internal static class CommandPrefixes
{
    public static string[] Expand(Command root, IReadOnlyList<string> args, IEnumerable<string> optionsTakingValues)
    {
        var takesValue = new HashSet<string>(optionsTakingValues, StringComparer.Ordinal);
        var result = args.ToArray();
        var current = root;
        for (var i = 0; i < result.Length; i++)
        {
            var token = result[i];
            if (token == "--")
            {
                break;
            }

            if (token.StartsWith('-'))
            {
                if (!token.Contains('=', StringComparison.Ordinal) && IsValueOption(current, token, takesValue))
                {
                    i++;
                }

                continue;
            }

            if (token.StartsWith('[') && i == 0)
            {
                return result; // a directive such as [suggest:N]: leave the line alone
            }

            if (current.Subcommands.Count == 0)
            {
                break; // the rest are arguments of a leaf command
            }

            var match = Resolve(current, token);
            if (match is null)
            {
                break; // not a command: let the parser report it
            }

            result[i] = match.Name;
            current = match;
        }

        return result;
    }

    private static Command? Resolve(Command parent, string token)
    {
        foreach (var sub in parent.Subcommands)
        {
            if (sub.Name == token || sub.Aliases.Contains(token))
            {
                return sub;
            }
        }

        var candidates = parent.Subcommands
            .Where(c => !c.Hidden && (c.Name.StartsWith(token, StringComparison.Ordinal)
                                      || c.Aliases.Any(a => a.StartsWith(token, StringComparison.Ordinal))))
            .ToList();
        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw ChildctlException.InvalidInput(
                $"'{token}' is ambiguous: it could be {string.Join(", ", candidates.Select(c => Matched(c, token)).Order(StringComparer.Ordinal))}"),
        };
    }

    /// <summary>The name the prefix matched: the command's own, else the alias (<c>describe (status)</c>).</summary>
    private static string Matched(Command command, string token) =>
        command.Name.StartsWith(token, StringComparison.Ordinal)
            ? command.Name
            : $"{command.Aliases.First(a => a.StartsWith(token, StringComparison.Ordinal))} ({command.Name})";

    private static bool IsValueOption(Command current, string token, HashSet<string> globalTakingValues)
    {
        if (globalTakingValues.Contains(token))
        {
            return true;
        }

        var option = current.Options.FirstOrDefault(o => o.Name == token || o.Aliases.Contains(token));
        return option is not null && option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);
    }
}

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
