using Childctl.Core;

namespace Childctl.Cli;

/// <summary>
/// Everything the CLI takes from the process it runs in: streams, environment, terminal facts and
/// the clock. Tests build one with captured writers so they can run the real root command in-process.
/// </summary>
public sealed class CliHost
{
    public required TextWriter Out { get; init; }

    public required TextWriter Err { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Reads an environment variable; tests pass a dictionary so nothing leaks in.</summary>
    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    public bool StdoutIsTerminal { get; init; }

    public bool StderrIsTerminal { get; init; }

    public bool StdinIsTerminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The command as the user typed it, for messages: <c>childctl</c>, or <c>kubectl childctl</c> when kubectl runs
    /// this binary as its plugin (through the <c>kubectl-childctl</c> link).
    /// </summary>
    public string ProgramName { get; init; } = "childctl";

    /// <summary>The OS user recorded in history.</summary>
    public string UserName { get; init; } = Environment.UserName;

    /// <summary>Cancelled by a second Ctrl-C: writes still waiting for an answer are abandoned (and recorded as unknown).</summary>
    public CancellationToken Abandon { get; init; }

    /// <summary>Builds each invocation's Core session from the global options; tests may hand in one of their own.</summary>
    public Func<SessionOptions, Session> CreateSession { get; init; } = options => new Session(options);

    public static CliHost ForProcess(string programName, CancellationToken abandon = default) => new()
    {
        ProgramName = programName,
        Abandon = abandon,
        Out = Console.Out,
        Err = Console.Error,
        In = Console.In,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        StdoutIsTerminal = !Console.IsOutputRedirected,
        StderrIsTerminal = !Console.IsErrorRedirected,
        StdinIsTerminal = !Console.IsInputRedirected,
    };
}
