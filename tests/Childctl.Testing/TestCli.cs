using Childctl.Cli;

namespace Childctl.Testing;

/// <summary>What one run of the CLI did: its exit code and everything it wrote on stdout and stderr.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The CLI host builder for tests: runs the real root command in-process with captured streams and a controlled
/// environment (nothing leaks in from the machine's), user, clock, stdin and terminal flags. Settings stay between runs,
/// so one instance plays one user's shell; <see cref="Masks"/> replace run-specific text (temp folders) in the output.
/// </summary>
public sealed class TestCli
{
    public TestCli(IReadOnlyDictionary<string, string>? environment = null)
    {
        Environment = environment is null ? [] : new Dictionary<string, string>(environment);
    }

    /// <summary>
    /// A run with an empty environment but for a HOME that does not exist, so that nothing falls back to the machine's
    /// own home (its kubeconfig, its history): commands that need neither a kubeconfig nor history.
    /// </summary>
    public static TestCli Bare => new(new Dictionary<string, string> { ["HOME"] = NoHome });

    private static readonly string NoHome = Path.Combine(Path.GetTempPath(), $"childctl-no-home-{System.Environment.ProcessId}");

    public Dictionary<string, string> Environment { get; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The OS user every test shell runs as, unless told otherwise.</summary>
    public const string DefaultUser = "tester";

    public string UserName { get; set; } = DefaultUser;

    /// <summary>The program as invoked: childctl, or kubectl childctl as kubectl's plugin.</summary>
    public string ProgramName { get; set; } = "childctl";

    public bool StdoutIsTerminal { get; set; }

    public bool StderrIsTerminal { get; set; }

    public bool StdinIsTerminal { get; set; }

    /// <summary>The width of the terminal stdout and stderr are on, when they are (null: unknown, nothing is cut).</summary>
    public int? TerminalWidth { get; set; }

    /// <summary>What the user types, for prompts.</summary>
    public string? Stdin { get; set; }

    /// <summary>How long one run may take before it is cancelled (a hung test fails instead of hanging the suite).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    public List<(string Value, string Mask)> Masks { get; } = [];

    /// <summary>The first Ctrl-C: cancelling it interrupts the running command, as the process's handler does.</summary>
    public CancellationToken Interrupt { get; set; }

    /// <summary>The second Ctrl-C: writes still waiting for an answer are abandoned.</summary>
    public CancellationToken Abandon { get; set; }

    /// <summary>Builds each run's Core session; null for the default (files under the history folder, default API options).</summary>
    public Func<Core.SessionOptions, Core.Session>? CreateSession { get; set; }

    public string Home => Environment["HOME"];

    public string HistoryDirectory => Environment["CHILDCTL_HISTORY_DIR"];

    /// <summary>A shell with its own HOME and history folder under <paramref name="home"/>, using <paramref name="kubeconfig"/> if given.</summary>
    public static TestCli InHome(string home, string? kubeconfig = null)
    {
        var cli = new TestCli { Environment = { ["HOME"] = home, ["CHILDCTL_HISTORY_DIR"] = Path.Combine(home, "history") } };
        if (kubeconfig is not null)
        {
            cli.Environment["KUBECONFIG"] = kubeconfig;
        }

        return cli;
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(new StringWriter(), args);

    /// <summary>Runs with <paramref name="stdin"/> typed on a terminal, as a person answering a prompt.</summary>
    public async Task<CliResult> TypeAsync(string stdin, params string[] args)
    {
        var (before, terminal) = (Stdin, StdinIsTerminal);
        (Stdin, StdinIsTerminal) = (stdin, true);
        try
        {
            return await RunAsync(args);
        }
        finally
        {
            (Stdin, StdinIsTerminal) = (before, terminal);
        }
    }

    /// <param name="stderr">Where narration goes while the command runs (e.g. a writer that signals a line); its text is the result's Stderr.</param>
    public Task<CliResult> RunAsync(StringWriter stderr, params string[] args) => RunAsync(stderr, new StringWriter(), args);

    /// <param name="stderr">Where narration goes while the command runs; its text is the result's Stderr.</param>
    /// <param name="stdout">Where data goes while the command runs (e.g. a <see cref="LineSignal"/> for a watch's rows); its text is the result's Stdout.</param>
    public async Task<CliResult> RunAsync(StringWriter stderr, StringWriter stdout, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stdout);
        var host = new CliHost
        {
            Out = stdout,
            Err = stderr,
            In = new StringReader(Stdin ?? string.Empty),
            GetEnvironmentVariable = name => Environment.TryGetValue(name, out var value) ? value : null,
            StdoutIsTerminal = StdoutIsTerminal,
            StderrIsTerminal = StderrIsTerminal,
            StdinIsTerminal = StdinIsTerminal,
            StdoutWidth = () => TerminalWidth,
            StderrWidth = () => TerminalWidth,
            Time = Time,
            UserName = UserName,
            ProgramName = ProgramName,
            Abandon = Abandon,
            CreateSession = CreateSession ?? (options => new Core.Session(options)),
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Interrupt);
        timeout.CancelAfter(Timeout);
        var code = await CliApp.RunAsync(args, host, timeout.Token);
        return new CliResult(code, Mask(stdout.ToString()), Mask(stderr.ToString()));
    }

    /// <summary>The history file of one cluster, whichever management cluster it is filed under; empty when there is none.</summary>
    public string HistoryText(string name, string ns = "kcm-system")
    {
        var files = Directory.Exists(HistoryDirectory)
            ? Directory.GetFiles(HistoryDirectory, name + ".yaml", SearchOption.AllDirectories).Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == ns).ToList()
            : [];
        return files.Count == 1 ? File.ReadAllText(files[0]) : string.Empty;
    }

    private string Mask(string text)
    {
        foreach (var (value, mask) in Masks)
        {
            text = text.Replace(value, mask, StringComparison.Ordinal);
        }

        return text;
    }
}
