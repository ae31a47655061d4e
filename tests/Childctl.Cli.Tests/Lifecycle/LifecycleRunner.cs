namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// Runs the real root command in-process against a sandbox, with a controlled environment, user, stdin and terminal
/// flags; keeps the history directory and HOME of one test.
/// </summary>
internal sealed class LifecycleRunner(Dictionary<string, string> environment, string home)
{
    public const string User = "tester";

    public string Home { get; } = home;

    public string HistoryDirectory => environment["CHILDCTL_HISTORY_DIR"];

    public IDictionary<string, string> Environment => environment;

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(stdin: null, terminal: false, args);

    public Task<CliResult> RunAsync(string? stdin, bool terminal, params string[] args) => RunAsync(stdin, terminal, new StringWriter(), args);

    /// <param name="stderr">Where narration goes while the command runs (e.g. a writer that signals a line); its text is the result's Stderr.</param>
    public async Task<CliResult> RunAsync(string? stdin, bool terminal, StringWriter stderr, params string[] args)
    {
        var stdout = new StringWriter();
        var host = new CliHost
        {
            Out = stdout,
            Err = stderr,
            In = new StringReader(stdin ?? string.Empty),
            StdinIsTerminal = terminal,
            GetEnvironmentVariable = name => environment.TryGetValue(name, out var value) ? value : null,
            UserName = User,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var code = await CliApp.RunAsync(args, host, timeout.Token);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The history file of one cluster (management cluster "sandbox" as the sandbox's kubeconfig names it).</summary>
    public string HistoryText(string name, string ns = "kcm-system")
    {
        var files = Directory.Exists(HistoryDirectory)
            ? Directory.GetFiles(HistoryDirectory, name + ".yaml", SearchOption.AllDirectories).Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == ns).ToList()
            : [];
        return files.Count == 1 ? File.ReadAllText(files[0]) : string.Empty;
    }
}
