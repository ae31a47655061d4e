using System.CommandLine;
using Childctl.Cli.Output;

namespace Childctl.Cli;

/// <summary>
/// One invocation's parsed global settings plus the host it runs in. Commands read everything they
/// share from here so that option resolution (flags, then environment, then defaults) happens once.
/// </summary>
internal sealed class CliContext
{
    private static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    private CliContext(CliHost host, ParseResult parse, IReadOnlyList<string> args)
    {
        Host = host;
        Parse = parse;
        Arguments = args;
    }

    public CliHost Host { get; }

    public ParseResult Parse { get; }

    /// <summary>The arguments as the user typed them (before prefix expansion), for history.</summary>
    public IReadOnlyList<string> Arguments { get; }

    public string? KubeconfigPath => Parse.GetValue(GlobalOptions.Kubeconfig);

    public string? ContextName => Parse.GetValue(GlobalOptions.Context);

    /// <summary>The namespace given with -n, or null to use the context's (else kcm-system).</summary>
    public string? ExplicitNamespace => Parse.GetValue(GlobalOptions.Namespace);

    public bool AllNamespaces => Parse.GetValue(GlobalOptions.AllNamespaces);

    public OutputFormat Output => Parse.GetValue(GlobalOptions.Output);

    public bool Verbose => Parse.GetValue(GlobalOptions.Verbose);

    public TimeSpan RequestTimeout => Parse.GetValue(GlobalOptions.RequestTimeout) ?? DefaultRequestTimeout;

    /// <summary>Colour and live rendering only on a terminal, for table output, without NO_COLOR.</summary>
    public bool UseColor =>
        Host.StdoutIsTerminal
        && !Parse.GetValue(GlobalOptions.NoColor)
        && string.IsNullOrEmpty(Host.GetEnvironmentVariable("NO_COLOR"))
        && Output is OutputFormat.Table or OutputFormat.Wide;

    /// <summary>Live progress on stderr only when stderr is a terminal and colour is allowed.</summary>
    public bool UseLiveProgress =>
        Host.StderrIsTerminal
        && !Parse.GetValue(GlobalOptions.NoColor)
        && string.IsNullOrEmpty(Host.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>--history-dir, else $CHILDCTL_HISTORY_DIR, else $XDG_STATE_HOME/childctl/history, else ~/.local/state/childctl/history.</summary>
    public string HistoryDirectory
    {
        get
        {
            var explicitDir = Parse.GetValue(GlobalOptions.HistoryDir);
            if (!string.IsNullOrEmpty(explicitDir))
            {
                return Path.GetFullPath(explicitDir);
            }

            var fromEnv = Host.GetEnvironmentVariable("CHILDCTL_HISTORY_DIR");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return Path.GetFullPath(fromEnv);
            }

            var state = Host.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrEmpty(state))
            {
                var home = Host.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                state = Path.Combine(home, ".local", "state");
            }

            return Path.Combine(state, "childctl", "history");
        }
    }

    /// <summary>The command line as recorded in history: <c>childctl</c> and the arguments, quoted where needed.</summary>
    public string CommandLine => "childctl " + string.Join(' ', Arguments.Select(Quote));

    /// <summary>Wires a command's action so it receives a context; errors propagate to <see cref="CliApp"/>.</summary>
    public static void Bind(Command command, CliSession session, Func<CliContext, CancellationToken, Task<int>> action) =>
        command.SetAction((parse, ct) => action(new CliContext(session.Host, parse, session.Arguments), ct));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
