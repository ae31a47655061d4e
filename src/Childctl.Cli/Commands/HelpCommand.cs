using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Errors;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl help [COMMAND…]</c>: the same help as <c>COMMAND --help</c> (the overview without a command). Command
/// words may be unambiguous prefixes, as everywhere (<c>childctl help hist</c>). Reads no kubeconfig.
/// </summary>
internal static class HelpCommand
{
    public static Command Create(CliRun run)
    {
        var words = new Argument<string[]>("command") { Description = "The command to explain, e.g. list or create azure", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("help", "Show the help of childctl or of one command") { words };
        command.SetAction(parse =>
        {
            var root = parse.RootCommandResult.Command;
            var path = Path(root, parse.GetValue(words) ?? []);
            return root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = run.Host.Out, Error = run.Host.Err });
        });
        return command;
    }

    /// <summary>The command names the words lead to (each word a name, an alias or an unambiguous prefix).</summary>
    private static List<string> Path(Command root, IReadOnlyList<string> words)
    {
        var path = new List<string>();
        var current = root;
        foreach (var word in words)
        {
            var exact = current.Subcommands.FirstOrDefault(c => c.Name == word || c.Aliases.Contains(word));
            var byPrefix = current.Subcommands.Where(c => !c.Hidden && c.Name.StartsWith(word, StringComparison.Ordinal)).ToList();
            current = exact ?? (byPrefix.Count == 1 ? byPrefix[0] : null) ?? throw ChildctlException.InvalidInput(
                byPrefix.Count > 1
                    ? $"'{word}' could be {string.Join(" or ", byPrefix.Select(c => c.Name))}: say which"
                    : $"unknown command '{string.Join(' ', words)}'; 'childctl help' lists the commands");
            path.Add(current.Name);
        }

        return path;
    }
}
