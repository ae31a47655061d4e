using System.Diagnostics;

namespace Childctl.Cli.LocalSandbox;

/// <summary>
/// A sandbox process that has printed its ready line. Stopping it sends SIGTERM (the sandbox shuts down
/// cleanly and exits 0) and, if it has not gone after a grace period, kills it.
/// </summary>
internal sealed class SandboxChild : IDisposable
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);

    private readonly Process _process;

    public SandboxChild(Process process, ReadyLine ready, DateTimeOffset startedAt)
    {
        _process = process;
        Ready = ready;
        StartedAt = startedAt;
    }

    public int Pid => _process.Id;

    public ReadyLine Ready { get; }

    public DateTimeOffset StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Stops the sandbox; returns its exit code (0 after a clean stop).</summary>
    public Task<int> StopAsync() => StopAsync(_process);

    /// <summary>SIGTERM, then SIGKILL if the process is still there after the grace period.</summary>
    public static async Task<int> StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            ProcessSignals.Terminate(process.Id);
            using var grace = new CancellationTokenSource(GracePeriod);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        return process.ExitCode;
    }

    public void Dispose() => _process.Dispose();
}
