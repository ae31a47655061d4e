using System.Diagnostics;
using System.Reflection;

namespace Childctl.History.Tests.Store;

/// <summary>Starts the AppendHelper as a real OS process (<c>dotnet &lt;dll&gt;</c>), as a second childctl would run.</summary>
internal static class AppendHelperProcess
{
    private static string Dll => typeof(AppendHelperProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AppendHelperDll").Value!;

    public static Process Start(string root, string managementCluster, string ns, string name, string writer, string count, bool barrier = false)
    {
        Assert.True(File.Exists(Dll), $"helper not built: {Dll}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = barrier,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Dll, root, managementCluster, ns, name, writer, count })
        {
            info.ArgumentList.Add(arg);
        }

        // Each helper is short-lived: skip tiered-JIT warm-up work so 32 of them start quickly on 2 cores.
        info.Environment["DOTNET_TieredPGO"] = "0";
        info.Environment["DOTNET_TC_QuickJitForLoops"] = "1";
        info.Environment["APPEND_HELPER_BARRIER"] = barrier ? "1" : "0";
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the append helper");
    }

    /// <summary>Waits for the helper to print <paramref name="line"/> (it does so once it is mid-loop).</summary>
    public static async Task WaitForLineAsync(Process process, string line)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } read)
        {
            if (read == line)
            {
                return;
            }
        }

        Assert.Fail($"helper exited before printing '{line}': {await process.StandardError.ReadToEndAsync()}");
    }
}
