using System.Runtime.InteropServices;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Kubeconfig;

namespace Childctl.Cli.LocalSandbox;

/// <summary>
/// The local sandbox's lifecycle for <c>childctl sandbox up|down|status</c>: at most one per state folder,
/// found again through the state file; a state file whose process is gone (or was replaced) is stale and ignored.
/// </summary>
internal sealed class SandboxManager
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly CliHost _host;

    public SandboxManager(CliHost host)
    {
        _host = host;
        States = new SandboxStateStore(host.GetEnvironmentVariable);
    }

    public SandboxStateStore States { get; }

    public SandboxLaunchOptions Options(int port, string? kubeconfigOut, double speed, int clusters, int? seed, string? viewerKubeconfigOut = null) =>
        new(port, Path.GetFullPath(string.IsNullOrEmpty(kubeconfigOut) ? States.DefaultKubeconfig : kubeconfigOut), speed, clusters, seed,
            Path.GetFullPath(string.IsNullOrEmpty(viewerKubeconfigOut) ? States.DefaultViewerKubeconfig : viewerKubeconfigOut));

    /// <summary>Starts a sandbox tied to this process; <see cref="RunUntilStoppedAsync"/> then keeps it in the foreground.</summary>
    public async Task<SandboxChild> StartAttachedAsync(SandboxLaunchOptions options, CancellationToken cancellationToken)
    {
        var executable = Prepare(options);
        var child = await SandboxLauncher.StartAttachedAsync(executable, options, _host.Err, _host.Time, cancellationToken);
        States.Write(new SandboxState(child.Pid, child.StartedAt, child.Ready.BaseUri, child.Ready.KubeconfigPath, ""));
        return child;
    }

    /// <summary>Starts a sandbox that outlives this process, logging to the state folder.</summary>
    public async Task<SandboxState> StartDetachedAsync(SandboxLaunchOptions options, CancellationToken cancellationToken)
    {
        var executable = Prepare(options);
        using var child = await SandboxLauncher.StartDetachedAsync(executable, options, States.LogFile, _host.Time, cancellationToken);
        var state = new SandboxState(child.Pid, child.StartedAt, child.Ready.BaseUri, child.Ready.KubeconfigPath, States.LogFile);
        States.Write(state);
        return state;
    }

    /// <summary>
    /// Waits until the sandbox exits or we are interrupted (Ctrl-C, or SIGTERM/SIGHUP, which would otherwise end
    /// this process and orphan the sandbox), then stops it; returns its exit code.
    /// </summary>
    public async Task<int> RunUntilStoppedAsync(SandboxChild child, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = OnSignal(PosixSignal.SIGTERM, stop);
        using var hangup = OnSignal(PosixSignal.SIGHUP, stop);
        try
        {
            await child.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: stop it below.
        }

        var code = await child.StopAsync();
        if (States.Read() is { } state && state.Pid == child.Pid)
        {
            States.Clear(state);
        }

        return code;
    }

    /// <summary>The running sandbox, or null.</summary>
    /// <summary>The recorded sandbox if it still runs; a stale record (its process gone or replaced) is removed.</summary>
    public SandboxState? Running()
    {
        var state = States.Read();
        if (state is null || ProcessSignals.IsAlive(state.Pid, state.StartedAt))
        {
            return state;
        }

        States.Clear(state);
        return null;
    }

    /// <summary>Stops the recorded sandbox; returns it, or null when none was running (a stale record is cleared).</summary>
    public async Task<SandboxState?> StopAsync(CancellationToken cancellationToken)
    {
        var state = States.Read();
        if (state is null || !ProcessSignals.IsAlive(state.Pid, state.StartedAt))
        {
            States.Clear(state);
            return null;
        }

        ProcessSignals.Terminate(state.Pid);
        if (!await WaitGoneAsync(state, StopTimeout, cancellationToken))
        {
            ProcessSignals.Kill(state.Pid);
            await WaitGoneAsync(state, TimeSpan.FromSeconds(5), cancellationToken);
        }

        States.Clear(state);
        return state;
    }

    private static PosixSignalRegistration? OnSignal(PosixSignal signal, CancellationTokenSource stop) =>
        OperatingSystem.IsWindows()
            ? null
            : PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

    /// <summary>
    /// Checks that no sandbox runs, finds the executable, and creates the state folder and the kubeconfigs' folders
    /// (0700, parents included, before the sandbox writes its kubeconfigs there).
    /// </summary>
    private SandboxExecutable Prepare(SandboxLaunchOptions options)
    {
        if (States.ReadRunning() is { } running)
        {
            throw ChildctlException.Conflict(
                $"a sandbox is already running (pid {running.Pid}, {running.BaseUri.ToString().TrimEnd('/')}); stop it with 'childctl sandbox down'");
        }

        States.Clear(States.Read());
        var executable = SandboxExecutable.Locate(_host.GetEnvironmentVariable);
        States.EnsureDirectory();
        foreach (var kubeconfig in new[] { options.KubeconfigPath, options.ViewerKubeconfigPath }.OfType<string>())
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(kubeconfig))!;
            try
            {
                PrivateFile.CreateFolder(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw ChildctlException.InvalidInput($"cannot create the folder {folder} for the sandbox's kubeconfig {kubeconfig}: {e.Message}");
            }
        }

        return executable;
    }

    private async Task<bool> WaitGoneAsync(SandboxState state, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _host.Time.GetUtcNow() + timeout;
        while (ProcessSignals.IsAlive(state.Pid, state.StartedAt))
        {
            if (_host.Time.GetUtcNow() > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _host.Time, cancellationToken);
        }

        return true;
    }
}
