using System.CommandLine;
using Childctl.Core.Errors;

namespace Childctl.Cli.Commands;

/// <summary>
/// Every top-level command, in the order help lists them: its name and aliases, known without building it, and its
/// builder. Add a command here and nowhere else. A run builds only the command its line names (<see cref="For"/>);
/// the whole tree only when the line needs it: help of childctl, completion, and a first word that names no command,
/// or more than one, whose errors and suggestions are about all of them.
/// </summary>
internal static class CommandRegistry
{
    private static readonly Entry[] All =
    [
        new("list", ListCommand.Create),
        new("status", StatusCommand.Create, "describe"),
        new("events", EventsCommand.Create),
        new("templates", TemplatesCommand.Create),
        new("credentials", CredentialsCommand.Create),
        new("create", CreateCommand.Create),
        new("wait", WaitCommand.Create),
        new("watch", WatchCommand.Create),
        new("kubeconfig", KubeconfigCommand.Create),
        new("scale", ScaleCommand.Create),
        new("upgrade", UpgradeCommand.Create),
        new("set", SetCommand.Create),
        new("edit", EditCommand.Create),
        new("delete", DeleteCommand.Create),
        new("sandbox", SandboxCommand.Create),
        new("demo", DemoCommand.Create),
        new("version", VersionCommand.Create),
        new("history", HistoryCommand.Create),
        new("note", NoteCommand.Create),
        new("audit", AuditCommand.Create),
        new("migrate", MigrateCommand.Create),
        new("completion", CompletionCommand.Create),
        new("install", InstallCommand.Create),
        new("help", HelpCommand.Create),
    ];

    /// <summary>The names and aliases of every top-level command, in help's order, as the builders must give them.</summary>
    public static IEnumerable<(string Name, string[] Aliases)> Names => All.Select(e => (e.Name, e.Aliases));

    /// <summary>Every command, built.</summary>
    public static IReadOnlyList<Command> Create(CliRun run) => [.. All.Select(e => e.Create(run))];

    /// <summary>
    /// The commands the run's line needs: only the one it names, when after global options its first word is a
    /// command's name, alias or unambiguous prefix (as <see cref="CommandPrefixes"/> expands it), other than
    /// <c>help</c>; every command otherwise.
    /// </summary>
    public static IReadOnlyList<Command> For(CliRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Named(run.Arguments) is { } entry ? [entry.Create(run)] : Create(run);
    }

    private static Entry? Named(IReadOnlyList<string> args)
    {
        var takesValue = GlobalOptions.TakingValues.ToHashSet(StringComparer.Ordinal);
        var flags = GlobalOptions.All.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (!token.StartsWith('-'))
            {
                // A directive ([suggest:N]) is completion, which offers every command; help lists them all.
                return token.StartsWith('[') ? null : Resolve(token) is { Name: not "help" } entry ? entry : null;
            }

            var at = token.IndexOf('=', StringComparison.Ordinal);
            if (!flags.Contains(at > 0 ? token[..at] : token))
            {
                return null; // --help, --version, "--", or anything the parser is to judge against the whole tree
            }

            if (at < 0 && takesValue.Contains(token))
            {
                i++;
            }
        }

        return null;
    }

    /// <summary>The command a word names, as <see cref="CommandPrefixes"/> resolves it; null when none or several.</summary>
    private static Entry? Resolve(string token)
    {
        if (All.FirstOrDefault(e => e.Name == token || e.Aliases.Contains(token)) is { } exact)
        {
            return exact;
        }

        var candidates = All.Where(e => e.Name.StartsWith(token, StringComparison.Ordinal) || e.Aliases.Any(a => a.StartsWith(token, StringComparison.Ordinal))).Take(2).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private sealed record Entry(string Name, Func<CliRun, Command> Create, params string[] Aliases);
}

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
