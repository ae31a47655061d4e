using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core;
using Childctl.Core.ClusterDeployments;

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

/// <summary>
/// The options every command accepts (DESIGN.md "Global options"), defined once. <c>-o</c> is not among them: each
/// command offers it with the formats it prints (<see cref="Output.OutputOption"/>).
/// </summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "Path to the kubeconfig (else $KUBECONFIG, else ~/.kube/config)",
        Recursive = true,
    };

    public static readonly Option<string?> Context = new("--context")
    {
        Description = "Kubeconfig context of the management cluster (else the current context)",
        Recursive = true,
    };

    public static readonly Option<string?> Namespace = new("--namespace", "-n")
    {
        Description = "Namespace (else the context's namespace, else kcm-system)",
        Recursive = true,
    };

    public static readonly Option<bool> AllNamespaces = new("--all-namespaces", "-A")
    {
        Description = "Act on all namespaces",
        Recursive = true,
    };

    static GlobalOptions()
    {
        // A namespace that cannot exist is bad input for every command alike, not "no clusters found".
        Namespace.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && ClusterNameRules.NamespaceProblem(result.Tokens[0].Value) is { } problem)
            {
                result.AddError(problem);
            }
        });
    }

    public static readonly Option<string?> HistoryDir = new("--history-dir")
    {
        Description = "Where local history lives (else $CHILDCTL_HISTORY_DIR, else $XDG_STATE_HOME/childctl/history)",
        Recursive = true,
    };

    public static readonly Option<bool> NoColor = new("--no-color")
    {
        Description = "No colour or spinners (also when NO_COLOR is set)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show details of failures, including stack traces",
        Recursive = true,
    };

    public static readonly Option<TimeSpan?> RequestTimeout = new("--request-timeout")
    {
        Description = "Time limit for each API request, e.g. 30s, 2m (default 30s)",
        Recursive = true,
        CustomParser = r => Durations.ParseOptionValue(r),
    };

    public static readonly Option<string?> As = new("--as")
    {
        Description = "Act as this user (impersonation, as kubectl's --as; overrides the kubeconfig user's as:)",
        Recursive = true,
    };

    public static readonly Option<string[]> AsGroup = new("--as-group")
    {
        Description = "Act with this group, repeatable (impersonation, as kubectl's --as-group; needs --as or as:)",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> AsUid = new("--as-uid")
    {
        Description = "Act with this UID (impersonation, as kubectl's --as-uid; needs --as or as:)",
        Recursive = true,
    };

    public static IEnumerable<Option> All =>
    [Kubeconfig, Context, Namespace, AllNamespaces, HistoryDir, NoColor, Verbose, RequestTimeout, As, AsGroup, AsUid];

    /// <summary>Options that consume the next token; the prefix expander needs to skip their values.</summary>
    public static IEnumerable<string> TakingValues =>
        new Option[] { Kubeconfig, Context, Namespace, HistoryDir, RequestTimeout, As, AsGroup, AsUid }
            .SelectMany(o => o.Aliases.Append(o.Name));
}
