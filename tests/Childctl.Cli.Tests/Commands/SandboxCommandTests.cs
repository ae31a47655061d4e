using System.Diagnostics;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Commands;

public class SandboxCommandTests
{
    [Theory]
    [InlineData("--speed", "0", "--speed is out of range: it must be between 0.01 and 10000")]
    [InlineData("--speed", "fast", "fast")]
    [InlineData("--port", "70000", "--port must be between 0 and 65535")]
    [InlineData("--clusters", "-1", "--clusters must be between 0 and 1000000")]
    [InlineData("--kubeconfig-out", "/tmp", "--kubeconfig-out /tmp is a folder: give the path of the kubeconfig file to write")]
    [InlineData("--read-only-kubeconfig-out", "/tmp", "--read-only-kubeconfig-out /tmp is a folder")]
    [InlineData("--kubeconfig-out", "/proc/version/kc", "cannot be written: /proc/version is a file, not a folder")]
    public async Task Up_WhenAFlagIsBad_IsUsageError(string flag, string value, string message)
    {
        await using var env = new SandboxEnvironment();

        var result = await env.RunAsync("sandbox", "up", flag, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.False(Directory.Exists(env.StateDirectory));
    }

    [Fact]
    public async Task Status_WhenNothingRuns_SaysSo_AndExits3()
    {
        await using var env = new SandboxEnvironment();

        var result = await env.RunAsync("sandbox", "status");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("STATUS  not running\n", result.Stdout);
    }

    [Fact]
    public async Task Down_WhenNothingRuns_SaysSo_AndExits0()
    {
        await using var env = new SandboxEnvironment();

        var result = await env.RunAsync("sandbox", "down");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("no sandbox is running\n", result.Stderr);
    }

    [Fact]
    public async Task Up_WhenTheExecutableIsMissing_FailsWithAClearMessage()
    {
        await using var env = new SandboxEnvironment();
        env.Variables["CHILDCTL_SANDBOX_PATH"] = "/nonexistent/childctl-sandbox";

        var result = await env.RunAsync("sandbox", "up", "--detach");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("error: CHILDCTL_SANDBOX_PATH is /nonexistent/childctl-sandbox, which does not exist; point it at the childctl-sandbox executable or unset it\n", result.Stderr);
    }

    [Fact]
    public async Task Status_WhenTheStateIsStale_IsNotRunningAndRemovesIt()
    {
        await using var env = new SandboxEnvironment();
        Directory.CreateDirectory(env.StateDirectory);
        await File.WriteAllTextAsync(env.StateFile, "pid=2147483000\nstarted=2026-01-01T00:00:00Z\nurl=https://127.0.0.1:1\nkubeconfig=/tmp/x\nlog=\n");

        var status = await env.RunAsync("sandbox", "status");

        Assert.Equal(3, status.ExitCode);
        Assert.False(File.Exists(env.StateFile));
        var down = await env.RunAsync("sandbox", "down");
        Assert.Equal(0, down.ExitCode);
        Assert.Equal("no sandbox is running\n", down.Stderr);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Up_WhenDetached_RunsUntilDownWithStatusInBetween()
    {
        await using var env = new SandboxEnvironment();

        var up = await env.RunAsync("sandbox", "up", "--detach", "--speed", "100", "--clusters", "5");

        Assert.Equal(0, up.ExitCode);
        var kubeconfig = Path.Combine(env.StateDirectory, "kubeconfig");
        Assert.Equal($"export KUBECONFIG={kubeconfig}\n", up.Stdout);
        Assert.Matches(@"^sandbox running at https://127\.0\.0\.1:\d+ \(pid \d+, speed 100x, 5 pre-seeded clusters\)\n", up.Stderr);
        Assert.Contains("stop it with 'childctl sandbox down'", up.Stderr, StringComparison.Ordinal);
        Assert.Contains("token:", await File.ReadAllTextAsync(kubeconfig), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(env.StateDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(env.StateFile));
        var viewer = Path.Combine(env.StateDirectory, "kubeconfig-viewer");
        Assert.Contains($"\nread-only kubeconfig (403 on every write): {viewer}\n", up.Stderr, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(viewer));
        Assert.Equal(0, (await env.RunAsync("--kubeconfig", viewer, "list")).ExitCode);
        Assert.Equal(4, (await env.RunAsync("--kubeconfig", viewer, "create", "aws", "viewer-try", "--region", "us-west-2")).ExitCode);
        var pid = env.RecordedPid();

        var status = await env.RunAsync("sandbox", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.Matches($@"^STATUS      running\nPID         {pid}\nURL         https://127\.0\.0\.1:\d+\nKUBECONFIG  {kubeconfig}\nSTARTED     \S+Z\nUPTIME      \d+s\nLOG         \S+sandbox\.log\n$", status.Stdout);

        var json = await env.RunAsync("sandbox", "status", "-o", "json");
        Assert.Contains($"\"pid\": {pid}", json.Stdout, StringComparison.Ordinal);

        var again = await env.RunAsync("sandbox", "up", "--detach");
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith($"error: a sandbox is already running (pid {pid}, https://127.0.0.1:", again.Stderr, StringComparison.Ordinal);

        var down = await env.RunAsync("sandbox", "down");
        Assert.Equal(0, down.ExitCode);
        Assert.Matches($@"^stopped the sandbox at https://127\.0\.0\.1:\d+ \(pid {pid}\)\n$", down.Stderr);
        Assert.False(File.Exists(env.StateFile));
        Assert.False(File.Exists(kubeconfig));
        Assert.False(File.Exists(viewer));
        Assert.True(IsGone(pid));
        Assert.Equal(3, (await env.RunAsync("sandbox", "status")).ExitCode);
    }

    [Fact]
    public async Task Up_WhenInTheForeground_RunsUntilInterruptedThenStopsTheSandbox()
    {
        await using var env = new SandboxEnvironment();
        var kubeconfig = Path.Combine(env.StateDirectory, "custom", "kc");
        using var interrupt = new CancellationTokenSource();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var host = new CliHost
        {
            Out = stdout,
            Err = stderr,
            GetEnvironmentVariable = name => env.Variables.TryGetValue(name, out var value) ? value : null,
        };

        var run = CliApp.RunAsync(["sandbox", "up", "--speed", "100", "--kubeconfig-out", kubeconfig], host, interrupt.Token);
        var status = await WaitForStatusAsync(env, run);
        var pid = env.RecordedPid();
        await interrupt.CancelAsync();
        var code = await run;

        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"KUBECONFIG  {kubeconfig}", status.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.Equal($"export KUBECONFIG={kubeconfig}\n", stdout.ToString());
        Assert.EndsWith("stop it with Ctrl-C\nsandbox stopped\n", stderr.ToString(), StringComparison.Ordinal);
        Assert.True(IsGone(pid));
        Assert.False(File.Exists(env.StateFile));
    }

    /// <summary>Polls (with a limit) until the foreground sandbox is recorded as running.</summary>
    private static async Task<CliResult> WaitForStatusAsync(SandboxEnvironment env, Task<int> run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            var status = await env.RunAsync("sandbox", "status");
            if (status.ExitCode == 0)
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the sandbox did not come up (up finished: {run.IsCompleted})");
    }

    /// <summary>
    /// Gone means no process, or a zombie: the detached sandbox is this test host's child, and the runtime reaps it
    /// asynchronously, so right after it exits /proc may still list it in state Z.
    /// </summary>
    private static bool IsGone(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return true;
            }

            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            return true;
        }
    }
}
