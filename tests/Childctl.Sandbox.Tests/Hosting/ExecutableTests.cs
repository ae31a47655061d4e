using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Childctl.Sandbox.Tests.Hosting;

/// <summary>The childctl-sandbox executable's contract with `childctl sandbox up`: arguments, the ready line, signals, exit codes.</summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("childctl-sandbox-exe-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task It_announces_readiness_serves_kubectl_and_exits_0_on_SIGTERM()
    {
        var kubeconfig = Path.Combine(_dir.FullName, "kc");
        var viewer = Path.Combine(_dir.FullName, "kc-view");
        using var process = Start("--port", "0", "--kubeconfig-out", kubeconfig, "--read-only-kubeconfig-out", viewer, "--no-controller", "--seed", "7");

        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Matches($"^ready https://127\\.0\\.0\\.1:\\d+ kubeconfig={Regex.Escape(kubeconfig)}$", ready);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
        }

        var port = ready!.Split(' ')[1].Split(':')[2];
        Assert.Contains($"server: https://127.0.0.1:{port}", await File.ReadAllTextAsync(kubeconfig), StringComparison.Ordinal);

        var kubectl = new Testing.Kubectl(viewer, Path.Combine(_dir.FullName, "cache"));
        var whoami = await kubectl.RunAsync("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}");
        Assert.Equal("sandbox-viewer", whoami.StdOut);

        Signal(process, "TERM");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, process.ExitCode);
        Assert.Null(await process.StandardOutput.ReadLineAsync());
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port", "x")]
    [InlineData("--speed", "0")]
    [InlineData("--clusters")]
    public async Task Bad_arguments_print_one_line_and_exit_2(params string[] args)
    {
        using var process = Start(args);
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, process.ExitCode);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("childctl-sandbox: ", stderr, StringComparison.Ordinal);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "childctl-sandbox.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("childctl-sandbox did not start");
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
