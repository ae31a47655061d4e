using System.Diagnostics;
using System.Globalization;
using Childctl.Core.Errors;

namespace Childctl.Cli.LocalSandbox;

/// <summary>
/// Starts childctl-sandbox and waits for its ready line: attached (its output piped to us, stopped when we
/// stop) or detached (its output in a log file, surviving our exit and hang-ups).
/// </summary>
internal static class SandboxLauncher
{
    /// <summary>Seeding many clusters takes a few seconds; an unbuilt or broken sandbox fails long before this.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The shell ignores SIGHUP (inherited through exec, so closing the terminal leaves the sandbox running)
    /// and points the sandbox's output at the log before it runs.
    /// </summary>
    private const string DetachScript = "trap '' HUP; exec \"$@\" </dev/null >\"$CHILDCTL_SANDBOX_LOG\" 2>&1";

    public static async Task<SandboxChild> StartAttachedAsync(
        SandboxExecutable executable, SandboxLaunchOptions options, TextWriter err, TimeProvider time, CancellationToken cancellationToken)
    {
        var info = executable.StartInfo(options.Arguments());
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Start(info);
        var ready = new TaskCompletionSource<ReadyLine>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastError = "";
        process.OutputDataReceived += (_, e) =>
        {
            if (ReadyLine.TryParse(e.Data) is { } line)
            {
                ready.TrySetResult(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lastError = line;
                lock (err)
                {
                    err.WriteLine(line);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return await AwaitReadyAsync(process, () => ready.Task.IsCompleted ? ready.Task.Result : null, () => lastError, time, cancellationToken);
    }

    public static async Task<SandboxChild> StartDetachedAsync(
        SandboxExecutable executable, SandboxLaunchOptions options, string logFile, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw ChildctlException.InvalidInput("--detach needs a POSIX shell; on Windows run 'childctl sandbox up' in a terminal of its own");
        }

        SandboxStateStore.CreatePrivateFile(logFile);
        var inner = executable.StartInfo(options.Arguments());
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in (string[])["-c", DetachScript, "childctl-sandbox", inner.FileName, .. inner.ArgumentList])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CHILDCTL_SANDBOX_LOG"] = logFile;
        var process = Start(info);
        return await AwaitReadyAsync(process, () => ReadLog(logFile).Select(ReadyLine.TryParse).FirstOrDefault(r => r is not null),
            () => ReadLog(logFile).LastOrDefault() ?? "", time, cancellationToken);
    }

    private static Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new ChildctlException($"cannot start {info.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ChildctlException($"cannot start {info.FileName}: {e.Message}", e);
        }
    }

    /// <summary>Polls for the ready line while watching for an early exit, a timeout or an interrupt.</summary>
    private static async Task<SandboxChild> AwaitReadyAsync(
        Process process, Func<ReadyLine?> ready, Func<string> lastError, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var child = default(SandboxChild);
        try
        {
            while (true)
            {
                if (ready() is { } line)
                {
                    child = new SandboxChild(process, line, ProcessSignals.StartTimeOf(process));
                    return child;
                }

                if (process.HasExited)
                {
                    throw new ChildctlException($"the sandbox exited with code {process.ExitCode} before it was ready: {lastError()}");
                }

                if (time.GetUtcNow() - started > ReadyTimeout)
                {
                    throw new ChildctlException($"the sandbox was not ready after {ReadyTimeout.TotalSeconds:0} seconds: {lastError()}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
            }
        }
        finally
        {
            if (child is null)
            {
                await SandboxChild.StopAsync(process);
                process.Dispose();
            }
        }
    }

    private static string[] ReadLog(string logFile)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }
}

/// <summary>
/// What <c>sandbox up</c> (or the demo) asks of a new sandbox; turned into the executable's flags.
/// <see cref="ViewerKubeconfigPath"/>, when set, gets a kubeconfig with the read-only token (403 on every write).
/// </summary>
internal sealed record SandboxLaunchOptions(int Port, string KubeconfigPath, double Speed, int Clusters, int? Seed, string? ViewerKubeconfigPath = null)
{
    public IEnumerable<string> Arguments()
    {
        yield return "--port";
        yield return Port.ToString(CultureInfo.InvariantCulture);
        yield return "--kubeconfig-out";
        yield return KubeconfigPath;
        yield return "--speed";
        yield return Speed.ToString("R", CultureInfo.InvariantCulture);
        yield return "--clusters";
        yield return Clusters.ToString(CultureInfo.InvariantCulture);
        if (ViewerKubeconfigPath is { } viewer)
        {
            yield return "--read-only-kubeconfig-out";
            yield return viewer;
        }

        if (Seed is { } seed)
        {
            yield return "--seed";
            yield return seed.ToString(CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>The one line the sandbox prints when it listens: <c>ready &lt;base-uri&gt; kubeconfig=&lt;file&gt;</c>.</summary>
internal sealed record ReadyLine(Uri BaseUri, string KubeconfigPath)
{
    public static ReadyLine? TryParse(string? line)
    {
        if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !parts[2].StartsWith("kubeconfig=", StringComparison.Ordinal)
            || !Uri.TryCreate(parts[1], UriKind.Absolute, out var uri))
        {
            return null;
        }

        return new ReadyLine(uri, parts[2]["kubeconfig=".Length..]);
    }
}
