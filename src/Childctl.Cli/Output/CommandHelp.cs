using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Childctl.Cli.Output;

/// <summary>
/// Help as childctl prints it: System.CommandLine's sections (description, usage, arguments, options, commands), then
/// the command's examples and the exit codes it can return, declared where the command is built
/// (<c>.Examples(…)</c>, <c>.ExitCodes(…)</c>). The program is named as it was invoked (<c>kubectl childctl</c> when run
/// as kubectl's plugin) in the usage line and wherever help and messages say <c>childctl …</c>. Help never asks
/// <see cref="Console"/> for the terminal's width (that would set the terminal's keypad mode, see <see cref="Terminal"/>).
/// </summary>
internal static partial class CommandHelp
{
    private static readonly ConditionalWeakTable<Command, Extras> ExtrasOf = [];

    private static readonly Dictionary<int, string> Meanings = new()
    {
        [Cli.ExitCodes.Success] = "success",
        [Cli.ExitCodes.General] = "an error not covered below (e.g. a conflict)",
        [Cli.ExitCodes.InvalidInput] = "bad usage or invalid input, rejected before any API call",
        [Cli.ExitCodes.NotFound] = "not found",
        [Cli.ExitCodes.PermissionDenied] = "permission denied (401/403)",
        [Cli.ExitCodes.Unreachable] = "management cluster unreachable (connection, DNS, TLS, timeout)",
        [Cli.ExitCodes.WaitTimedOut] = "the wait timed out",
        [Cli.ExitCodes.ClusterFailed] = "k0rdent reported the cluster Failed",
        [Cli.ExitCodes.PartialFailure] = "some items done, some not (each reported)",
        [Cli.ExitCodes.AuditFindings] = "audit found clusters out of step with history",
        [Cli.ExitCodes.Interrupted] = "interrupted (Ctrl-C)",
    };

    /// <summary>The codes every command reading the API can return, before its own.</summary>
    public static readonly int[] Api =
        [Cli.ExitCodes.Success, Cli.ExitCodes.General, Cli.ExitCodes.InvalidInput, Cli.ExitCodes.NotFound, Cli.ExitCodes.PermissionDenied, Cli.ExitCodes.Unreachable];

    /// <summary>Examples for the command's help: pairs of a comment line (starting with #) and a command line.</summary>
    public static T Examples<T>(this T command, params string[] lines)
        where T : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        ExtrasOf.GetOrCreateValue(command).Examples.AddRange(lines);
        return command;
    }

    /// <summary>The exit codes the command can return, in the order help lists them.</summary>
    public static T ExitCodes<T>(this T command, params int[] codes)
        where T : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        var extras = ExtrasOf.GetOrCreateValue(command);
        extras.ExitCodes.AddRange(codes.Where(c => !extras.ExitCodes.Contains(c)));
        return command;
    }

    /// <summary>Replaces the root's help option (<c>-h</c>, <c>--help</c>; no Windows-style <c>/?</c> or <c>/h</c>) with ours.</summary>
    public static void Install(RootCommand root, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(host);
        foreach (var existing in root.Options.OfType<HelpOption>().ToList())
        {
            root.Options.Remove(existing);
        }

        root.Options.Add(new HelpOption("--help", "-h") { Action = new HelpWriter(host) });
    }

    /// <summary>The whole help of the command <paramref name="parse"/> ended on, as <c>--help</c> and <c>childctl help</c> print it.</summary>
    public static string Render(ParseResult parse, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(host);
        var command = parse.CommandResult.Command;
        var standard = new StringWriter();
        var config = parse.InvocationConfiguration;
        var output = config.Output;
        config.Output = standard;
        try
        {
            // MaxWidth given, so that System.CommandLine does not ask Console for the window's width.
            new HelpAction { MaxWidth = host.StdoutIsTerminal && host.StdoutWidth() is > 40 and var w ? w : 120 }.Invoke(parse);
        }
        finally
        {
            config.Output = output;
        }

        var text = new StringBuilder(OptionalInBrackets(command, standard.ToString()).TrimEnd()).Append('\n');
        if (ExtrasOf.TryGetValue(command, out var extras))
        {
            AppendExamples(text, extras.Examples);
            AppendExitCodes(text, extras.ExitCodes);
        }

        return NameProgram(RootName(command, text.ToString()), host.ProgramName);
    }

    /// <summary>Says <paramref name="programName"/> wherever text tells the user to run <c>childctl …</c>.</summary>
    public static string NameProgram(string text, string programName)
    {
        ArgumentNullException.ThrowIfNull(text);
        return programName == "childctl" ? text : ProgramWord().Replace(text, programName);
    }

    private static void AppendExamples(StringBuilder text, List<string> examples)
    {
        if (examples.Count == 0)
        {
            return;
        }

        text.Append("\nExamples:\n");
        foreach (var line in examples)
        {
            text.Append(line.StartsWith('#') && text[^2] != ':' ? "\n  " : "  ").Append(line).Append('\n');
        }
    }

    private static void AppendExitCodes(StringBuilder text, List<int> codes)
    {
        if (codes.Count == 0)
        {
            return;
        }

        text.Append("\nExit codes:\n");
        foreach (var code in codes.Order())
        {
            text.Append("  ").Append(code.ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(5)).Append(Meanings[code]).Append('\n');
        }
    }

    /// <summary>
    /// In the Commands section, a subcommand's optional argument in brackets as kubectl writes it (<c>watch [name]</c>);
    /// System.CommandLine's row shows every argument as <c>&lt;name&gt;</c>. Same length, so the columns stay aligned.
    /// </summary>
    private static string OptionalInBrackets(Command command, string help)
    {
        foreach (var sub in command.Subcommands)
        {
            var names = string.Join(", ", sub.Aliases.Append(sub.Name).Order(StringComparer.Ordinal));
            var label = new StringBuilder("  ").Append(names);
            var bracketed = new StringBuilder(label.ToString());
            foreach (var argument in sub.Arguments.Where(a => !a.Hidden))
            {
                var name = argument.HelpName ?? argument.Name;
                label.Append(" <").Append(name).Append('>');
                bracketed.Append(argument.Arity.MinimumNumberOfValues == 0 ? $" [{name}]" : $" <{name}>");
            }

            help = help.Replace("\n" + label + " ", "\n" + bracketed + " ", StringComparison.Ordinal);
        }

        return help;
    }

    /// <summary>The usage line names the root by the executable's file name (kubectl-childctl under kubectl); make it childctl.</summary>
    private static string RootName(Command command, string text)
    {
        var root = command;
        while (root.Parents.OfType<Command>().FirstOrDefault() is { } parent)
        {
            root = parent;
        }

        return root.Name == "childctl" ? text : text.Replace("  " + root.Name + " ", "  childctl ", StringComparison.Ordinal);
    }

    /// <summary><c>childctl</c> as a word followed by a space, not inside a name (childctl.dev/reason, childctl-sandbox, kubectl childctl).</summary>
    [GeneratedRegex(@"(?<![\w./-]|kubectl )childctl(?= )")]
    private static partial Regex ProgramWord();

    private sealed class Extras
    {
        public List<string> Examples { get; } = [];

        public List<int> ExitCodes { get; } = [];
    }

    private sealed class HelpWriter(CliHost host) : SynchronousCommandLineAction
    {
        /// <summary>As with System.CommandLine's own help: <c>wait --help</c> is help, not "argument name missing".</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            ArgumentNullException.ThrowIfNull(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.Write(Render(parseResult, host));
            output.Flush();
            return Cli.ExitCodes.Success;
        }
    }
}
