using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Childctl.Cli.LocalSandbox;

/// <summary>
/// Signals and liveness of a process known by pid. .NET can kill (SIGKILL) but not ask a process to stop
/// (SIGTERM), which the sandbox needs to shut down cleanly, hence kill(2).
/// </summary>
internal static class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks the process to stop; false if it is not there.</summary>
    public static bool Terminate(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            return Kill(pid);
        }

        return SysKill(pid, SigTerm) == 0;
    }

    public static bool Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="pid"/> is still the process that started at <paramref name="startedAt"/>: a pid
    /// reused by another program after a reboot or crash does not count, nor does an exited (zombie) one.
    /// </summary>
    public static bool IsAlive(int pid, DateTimeOffset startedAt)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited || IsZombie(pid))
            {
                return false;
            }

            return (process.StartTime.ToUniversalTime() - startedAt.UtcDateTime).Duration() < TimeSpan.FromSeconds(2);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>When a process started, in UTC, as compared by <see cref="IsAlive"/>.</summary>
    public static DateTimeOffset StartTimeOf(Process process) => new(process.StartTime.ToUniversalTime(), TimeSpan.Zero);

    private static bool IsZombie(int pid)
    {
        var stat = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        if (!OperatingSystem.IsLinux() || !File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var afterName = text.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < text.Length && text[afterName + 2] == 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, so no marshalling code is generated
    // and the project needs no unsafe blocks; it is as AOT-safe.
    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SysKill(int pid, int signal);
}
