namespace Childctl.Cli.Tests;

/// <summary>Runs the real root command in-process with captured streams and a controlled environment.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        await RunAsync(environment, TimeProvider.System, args);

    /// <summary>Runs with a given clock (ages, retry backoff), e.g. a <c>TestClock</c>.</summary>
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, TimeProvider time, params string[] args) =>
        RunAsync(environment, time, stdoutIsTerminal: false, args);

    /// <summary>Runs as if stdout were a terminal (or not): what decides colour, with --no-color, NO_COLOR and -o.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, TimeProvider time, bool stdoutIsTerminal, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        var host = new CliHost
        {
            Out = stdout,
            Err = stderr,
            GetEnvironmentVariable = name => env.TryGetValue(name, out var value) ? value : null,
            Time = time,
            StdoutIsTerminal = stdoutIsTerminal,
        };
        var code = await CliApp.RunAsync(args, host);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
