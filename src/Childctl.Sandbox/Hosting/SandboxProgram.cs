using System.Runtime.InteropServices;

namespace Childctl.Sandbox.Hosting;

/// <summary>
/// The childctl-sandbox executable: start, write the kubeconfig(s), print exactly one line
/// <c>ready &lt;base-uri&gt; kubeconfig=&lt;file&gt;</c> to stdout, run until SIGINT or SIGTERM, stop cleanly, exit 0.
/// Bad arguments: one stderr line, exit 2. Failure to start: one stderr line, exit 1.
/// </summary>
internal static class SandboxProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        SandboxArguments parsed;
        try
        {
            parsed = SandboxArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"childctl-sandbox: {e.Message}");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        SandboxHandle handle;
        try
        {
            handle = await SandboxHost.StartAsync(parsed.Options, stop.Token);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"childctl-sandbox: cannot start: {e.Message}");
            return 1;
        }

        await using (handle)
        {
            await ServeAsync(handle, parsed, stop.Token);
        }

        return 0;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    /// <summary>Writes the kubeconfig(s), announces readiness on stdout, then waits for a signal.</summary>
    private static async Task ServeAsync(SandboxHandle handle, SandboxArguments parsed, CancellationToken stop)
    {
        var kubeconfig = parsed.KubeconfigOut ?? DefaultKubeconfigPath();
        handle.WriteKubeconfig(kubeconfig);
        if (parsed.ReadOnlyKubeconfigOut is { } readOnly)
        {
            handle.WriteKubeconfig(readOnly, readOnly: true);
        }

        await Console.Out.WriteLineAsync($"ready {handle.BaseUri.ToString().TrimEnd('/')} kubeconfig={Path.GetFullPath(kubeconfig)}");
        await Console.Out.FlushAsync(stop);
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            // SIGINT or SIGTERM: the caller disposes the sandbox.
        }
    }

    /// <summary>Without --kubeconfig-out, a private directory under the temp folder.</summary>
    private static string DefaultKubeconfigPath()
    {
        var dir = Directory.CreateTempSubdirectory("childctl-sandbox-");
        return Path.Combine(dir.FullName, "kubeconfig");
    }
}
