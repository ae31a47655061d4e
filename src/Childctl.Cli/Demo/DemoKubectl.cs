using System.Diagnostics;

namespace Childctl.Cli.Demo;

/// <summary>
/// The real kubectl, playing "someone else" in the demo: found on the PATH childctl was given, run with the demo's
/// kubeconfig, its output passed through. Its discovery cache goes to the demo's private folder (KUBECACHEDIR), so
/// nothing is left in ~/.kube for a sandbox that is about to disappear.
/// </summary>
internal static class DemoKubectl
{
    public static string? Find(Func<string, string?> getEnvironmentVariable)
    {
        foreach (var dir in (getEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl");
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs kubectl to completion; returns its exit code after copying its stdout and stderr to the host's.</summary>
    public static async Task<int> RunAsync(string executable, IEnumerable<string> args, string cacheDirectory, CliHost host, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["KUBECACHEDIR"] = cacheDirectory;
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await host.Out.WriteAsync(await stdout);
        await host.Err.WriteAsync(await stderr);
        return process.ExitCode;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
