namespace Childctl.Testing;

/// <summary>What a kubectl run produced.</summary>
public sealed record KubectlResult(int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public override string ToString() => $"exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>Runs any program to completion the way <see cref="Kubectl"/> runs kubectl: both streams captured, a time limit, extra environment.</summary>
public static class ChildProcess
{
    public static Task<KubectlResult> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var info = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        SetEnvironment(info, environment);
        return RunAsync(info, null, timeout);
    }

    /// <summary>Runs <paramref name="info"/> (streams redirected) with <paramref name="stdin"/> typed in, if any; a run past the limit is killed.</summary>
    public static async Task<KubectlResult> RunAsync(System.Diagnostics.ProcessStartInfo info, string? stdin, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(info);
        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(timeout ?? Kubectl.DefaultTimeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr, timedOut);
    }

    /// <summary>Sets each variable, or removes it for a null value.</summary>
    public static void SetEnvironment(System.Diagnostics.ProcessStartInfo info, IEnumerable<KeyValuePair<string, string?>> environment)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
    }
}
