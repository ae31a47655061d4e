using Childctl.Core;

namespace Childctl.Cli;

/// <summary>
/// Everything the CLI takes from the process it runs in: streams, environment, terminal facts and
/// the clock. Tests build one with captured writers so they can run the real root command in-process.
/// </summary>
public sealed record CliHost
{
    public required TextWriter Out { get; init; }

    public required TextWriter Err { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Reads an environment variable; tests pass a dictionary so nothing leaks in.</summary>
    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    public bool StdoutIsTerminal { get; init; }

    public bool StderrIsTerminal { get; init; }

    public bool StdinIsTerminal { get; init; }

    /// <summary>The width of the terminal behind stdout, asked each time (it may be resized); null when it is not one.</summary>
    public Func<int?> StdoutWidth { get; init; } = () => null;

    /// <summary>The width of the terminal behind stderr, where live progress is drawn; null when it is not one.</summary>
    public Func<int?> StderrWidth { get; init; } = () => null;

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

    /// <summary>The real process: its file descriptors through <see cref="Terminal"/>, which changes no terminal mode.</summary>
    public static CliHost ForProcess(string programName, CancellationToken abandon = default)
    {
        var stdoutIsTerminal = !Console.IsOutputRedirected;
        var stderrIsTerminal = !Console.IsErrorRedirected;
        return new()
        {
            ProgramName = programName,
            Abandon = abandon,
            Out = Terminal.Stdout,
            Err = Terminal.Stderr,
            In = Terminal.Stdin,
            GetEnvironmentVariable = Environment.GetEnvironmentVariable,
            StdoutIsTerminal = stdoutIsTerminal,
            StderrIsTerminal = stderrIsTerminal,
            StdinIsTerminal = !Console.IsInputRedirected,
            StdoutWidth = () => stdoutIsTerminal ? Terminal.Width(stderr: false, Environment.GetEnvironmentVariable) : null,
            StderrWidth = () => stderrIsTerminal ? Terminal.Width(stderr: true, Environment.GetEnvironmentVariable) : null,
        };
    }
}

/// <summary>
/// Under kubectl (<see cref="CliHost.ProgramName"/> <c>kubectl childctl</c>), stderr's "run 'childctl …'" advice names
/// the program as the user runs it. stdout is data and is never rewritten (history shows the commands as recorded).
/// </summary>
internal sealed class ProgramNameWriter(TextWriter inner, string programName) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public static CliHost Wrap(CliHost host) =>
        host.ProgramName == "childctl" || host.Err is ProgramNameWriter ? host : host with { Err = new ProgramNameWriter(host.Err, host.ProgramName) };

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value is null ? null : Output.CommandHelp.NameProgram(value, programName));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Output.CommandHelp.NameProgram(value, programName));

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override void Flush() => inner.Flush();
}
