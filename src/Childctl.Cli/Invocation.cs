using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core;

namespace Childctl.Cli;

/// <summary>
/// One run of a command: the host it runs in, what was parsed, the Core <see cref="Session"/> built from the global
/// options (flags, then environment, then defaults, resolved here once), and how output is shown (the command's
/// <c>-o</c>, colour, live progress). Commands get everything they share from here; the session is disposed after.
/// </summary>
internal sealed class Invocation : IDisposable
{
    private static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    private Invocation(CliHost host, ParseResult parse, IReadOnlyList<string> arguments, TimeSpan? requestTimeout = null)
    {
        Host = host;
        Parse = parse;
        Output = OutputOption.Of(parse);
        var noColor = parse.GetValue(GlobalOptions.NoColor) || !string.IsNullOrEmpty(host.GetEnvironmentVariable("NO_COLOR"));
        var dumb = Terminal.IsDumb(host.GetEnvironmentVariable);
        UseColor = host.StdoutIsTerminal && !noColor && !dumb && Output is OutputFormat.Table or OutputFormat.Wide;
        UseLiveProgress = host.StderrIsTerminal && !noColor && !dumb;
        Session = host.CreateSession(new SessionOptions
        {
            KubeconfigPath = Value(parse, GlobalOptions.Kubeconfig),
            ContextName = Value(parse, GlobalOptions.Context),
            ExplicitNamespace = Value(parse, GlobalOptions.Namespace),
            AllNamespaces = Value(parse, GlobalOptions.AllNamespaces),
            RequestTimeout = requestTimeout ?? Value(parse, GlobalOptions.RequestTimeout) ?? DefaultRequestTimeout,
            HistoryDirectory = HistoryDirectory(parse, host),
            User = host.UserName,
            CommandLine = "childctl " + string.Join(' ', arguments.Select(Quote)),
            Environment = host.GetEnvironmentVariable,
            Time = host.Time,
            OnHistoryWarning = warning => host.Err.WriteLine("warning: " + warning),
            ImpersonateUser = Value(parse, GlobalOptions.As),
            ImpersonateGroups = Value(parse, GlobalOptions.AsGroup) ?? [],
            ImpersonateUid = Value(parse, GlobalOptions.AsUid),
            OnConnectionWarning = warning => host.Err.WriteLine("warning: " + warning),
            Abandon = host.Abandon,
            OnRetry = Value(parse, GlobalOptions.Verbose) ? line => host.Err.WriteLine(line) : null,
            LocalHistoryOnly = host.GetEnvironmentVariable("CHILDCTL_TEAM_HISTORY") == "off",
        });
    }

    public CliHost Host { get; }

    public ParseResult Parse { get; }

    public Session Session { get; }

    public TextWriter Out => Host.Out;

    public TextWriter Err => Host.Err;

    /// <summary>The command's <c>-o</c>, table when it has none or it was not given.</summary>
    public OutputFormat Output { get; }

    /// <summary>The template of <c>-o jsonpath=…</c> or <c>-o custom-columns=…</c>, else null.</summary>
    public string? OutputTemplate => OutputOption.TemplateOf(Parse);

    /// <summary>Colour and live rendering only on a terminal, for table output, without --no-color or NO_COLOR.</summary>
    public bool UseColor { get; }

    /// <summary>Live progress on stderr only when stderr is a terminal (not TERM=dumb) and colour is allowed.</summary>
    public bool UseLiveProgress { get; }

    /// <summary>How tables render here: colour, and the terminal's width to cut MESSAGE to (none when stdout is piped).</summary>
    public TableLayout Layout => new(UseColor, Host.StdoutIsTerminal ? Host.StdoutWidth() : null);

    public DateTimeOffset Now => Host.Time.GetUtcNow();

    /// <summary>Wires a command's action so it receives an invocation; errors propagate to <see cref="CliApp"/>.</summary>
    public static void Bind(Command command, CliRun run, Func<Invocation, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, ct) =>
        {
            using var invocation = new Invocation(run.Host, parse, run.Arguments);
            return await action(invocation, ct);
        });

    /// <summary>An invocation for a completion source: the line's global options, each request limited to <paramref name="limit"/>.</summary>
    public static Invocation ForCompletion(CliHost host, ParseResult parse, TimeSpan limit) => new(host, parse, [], limit);

    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public void Dispose() => Session.Dispose();

    /// <summary>
    /// A global option's value; its default while the option still waits for its value, as on a line being completed
    /// (<c>childctl -n</c> Tab), where System.CommandLine throws instead (a line run as a command has failed parsing before).
    /// </summary>
    private static T? Value<T>(ParseResult parse, Option<T> option)
    {
        try
        {
            return parse.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>--history-dir, else $CHILDCTL_HISTORY_DIR, else $XDG_STATE_HOME/childctl/history, else ~/.local/state/childctl/history.</summary>
    private static string HistoryDirectory(ParseResult parse, CliHost host)
    {
        if (Value(parse, GlobalOptions.HistoryDir) is { Length: > 0 } explicitDir)
        {
            return Path.GetFullPath(explicitDir);
        }

        if (host.GetEnvironmentVariable("CHILDCTL_HISTORY_DIR") is { Length: > 0 } fromEnv)
        {
            return Path.GetFullPath(fromEnv);
        }

        var state = host.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
        {
            var home = host.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            state = Path.Combine(home, ".local", "state");
        }

        return Path.Combine(state, "childctl", "history");
    }

    /// <summary>An argument as the command line recorded in history shows it, quoted where needed.</summary>
    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>One run of the CLI: the host and the raw arguments (before prefix expansion), handed to every command factory.</summary>
internal sealed record CliRun(CliHost Host, IReadOnlyList<string> Arguments);
