using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Childctl.Cli.Commands;
using Childctl.Cli.Output;
using Childctl.Core.Errors;

namespace Childctl.Cli;

/// <summary>
/// Builds the command tree the invocation needs (the command it names, or all of them for help and completion: see
/// <see cref="CommandRegistry.For"/>) and runs it: prefix expansion, parsing (usage errors → exit 2), the command's
/// action, and the one place where escaped errors become a stderr line and an exit code.
/// </summary>
public static class CliApp
{
    /// <summary>The process's entry: Ctrl-C handling, then the run (or kubectl's completion call) under the name it was invoked by.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        using var abandon = new CancellationTokenSource();

        // A POSIX signal handler rather than Console.CancelKeyPress, which initialises the console and with it the
        // terminal's keypad mode (see Terminal). The first Ctrl-C stops the command: nothing new starts, a write in flight
        // gets its answer and is recorded (exit 130). The second abandons writes still waiting for an answer (recorded as
        // unknown); a third kills the process.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            var pending = !interrupt.IsCancellationRequested ? interrupt : !abandon.IsCancellationRequested ? abandon : null;
            context.Cancel = pending is not null;
            pending?.Cancel();
        });

        // kubectl runs plugins by file name: kubectl-childctl for `kubectl childctl ...`, and kubectl_complete-childctl to
        // complete its arguments. Both are links to this binary that `childctl install` creates.
        return Path.GetFileName(Environment.GetCommandLineArgs()[0]) switch
        {
            "kubectl_complete-childctl" => await CompleteForKubectlAsync(args, CliHost.ForProcess("kubectl childctl", abandon.Token), interrupt.Token),
            "kubectl-childctl" => await RunAsync(args, CliHost.ForProcess("kubectl childctl", abandon.Token), interrupt.Token),
            _ => await RunAsync(args, CliHost.ForProcess("childctl", abandon.Token), interrupt.Token),
        };
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        host = ProgramNameWriter.Wrap(host);
        var root = BuildRoot(new CliRun(host, args));
        var verbose = args.Contains("-v") || args.Contains("--verbose");
        try
        {
            // No arguments at all asks for orientation, as with kubectl: the overview of commands, exit 0.
            var expanded = args.Count == 0 ? ["--help"] : CommandPrefixes.Expand(root, SuggestDirective.Normalize(args), GlobalOptions.TakingValues);
            var parse = root.Parse(expanded);
            if (parse.Errors.Count > 0)
            {
                foreach (var message in ErrorMessages(parse))
                {
                    await host.Err.WriteLineAsync($"error: {message}");
                }

                await host.Err.WriteLineAsync($"Run '{HelpHint(parse, host.ProgramName)} --help' for usage.");
                return ExitCodes.InvalidInput;
            }

            var config = new InvocationConfiguration
            {
                Output = host.Out,
                Error = host.Err,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await host.Err.WriteLineAsync("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception error)
        {
            await ReportAsync(host.Err, error, verbose);
            return ExitCodes.For(error);
        }
    }

    /// <summary>
    /// Answers kubectl's plugin completion (kubectl runs <c>kubectl_complete-childctl ARG… WORD</c>, WORD being the
    /// partial word, empty for a new one): the candidates for WORD, one per line, then Cobra's directive line
    /// <c>:4</c> (no file completion), which kubectl reads.
    /// </summary>
    public static async Task<int> CompleteForKubectlAsync(IReadOnlyList<string> args, CliHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var words = args.Count == 0 ? [""] : args;
        var line = "childctl " + string.Join(' ', words);
        var candidates = new StringWriter();
        var quiet = new CliHost
        {
            Out = candidates,
            Err = TextWriter.Null,
            GetEnvironmentVariable = host.GetEnvironmentVariable,
            Time = host.Time,
            ProgramName = host.ProgramName,
        };
        await RunAsync([$"[suggest:{line.Length}]", line], quiet, cancellationToken);
        var partial = words[^1];
        foreach (var candidate in candidates.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (candidate.StartsWith(partial, StringComparison.Ordinal))
            {
                await host.Out.WriteLineAsync(candidate);
            }
        }

        await host.Out.WriteLineAsync(":4");
        return ExitCodes.Success;
    }

    internal static RootCommand BuildRoot(CliRun run)
    {
        var root = new RootCommand("childctl: operate k0rdent child clusters. State is read live from k0rdent; local files keep only history.");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        var commands = CommandRegistry.For(run);
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        OutputOption.TableOnlyWhereUndeclared(root);
        if (commands.Count > 1 || AsksForHelp(run.Arguments))
        {
            // Help's examples, exit codes and layout and Tab's sources matter only to a line that shows help or completes:
            // one that names a single command and no help option runs without them.
            CommandExamples.ApplyTo(root);
            DynamicCompletion.AttachTo(root, run);
            CommandHelp.Install(root, run.Host);
        }

        return root;
    }

    /// <summary>Whether a word of the line is a help option: ours (<c>-h</c>, <c>--help</c>) or one System.CommandLine's default would take.</summary>
    private static bool AsksForHelp(IReadOnlyList<string> args) => args.Any(a => a is "-h" or "--help" or "-?" or "/?" or "/h");

    private static async Task ReportAsync(TextWriter err, Exception error, bool verbose)
    {
        var message = error is ChildctlException e ? e.Message : $"unexpected {error.GetType().Name}: {error.Message}";
        await err.WriteLineAsync($"error: {message}");
        if (verbose)
        {
            await err.WriteLineAsync(error.ToString());
        }
    }

    /// <summary>
    /// The parse errors worth showing: "Required command was not provided" only when it is the only one (for
    /// <c>childctl bogus</c> the unrecognised word is the real problem, and a missing command follows from it).
    /// </summary>
    private static List<string> ErrorMessages(ParseResult parse)
    {
        var messages = parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToList();
        var specific = messages.Where(m => !m.StartsWith("Required command was not provided", StringComparison.Ordinal)).ToList();
        return specific.Count > 0 ? specific : messages;
    }

    private static string HelpHint(ParseResult parse, string programName)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(r.Command.Name);
        }

        names.Reverse();
        if (names.Count > 0)
        {
            names[0] = programName;
        }

        return string.Join(' ', names);
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
