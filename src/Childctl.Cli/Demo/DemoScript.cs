using System.Globalization;
using System.Text.Json;
using Childctl.Cli.LocalSandbox;

namespace Childctl.Cli.Demo;

/// <summary>
/// The demo, step by step: start a sandbox, the whole lifecycle (<see cref="DemoLifecycleSteps"/>), stop it.
/// </summary>
internal static class DemoScript
{
    public static IReadOnlyList<DemoStep> Steps { get; } =
    [
        new("Start a local management cluster: a Kubernetes API emulator with a simulated k0rdent controller, 100x faster than a real cloud.",
            s => string.Create(CultureInfo.InvariantCulture, $"childctl sandbox up --speed {DemoSession.Speed} --kubeconfig-out {s.KubeconfigPath}"),
            SandboxUpAsync),
        .. DemoLifecycleSteps.Steps,
        new("Stop the sandbox; nothing is left running.", _ => "childctl sandbox down", SandboxDownAsync),
    ];

    private static async Task SandboxUpAsync(DemoSession s, CancellationToken ct)
    {
        var executable = SandboxExecutable.Locate(s.Host.GetEnvironmentVariable);
        var options = new SandboxLaunchOptions(0, s.KubeconfigPath, DemoSession.Speed, 0, null);
        s.Sandbox = await SandboxLauncher.StartAttachedAsync(executable, options, s.Host.Err, s.Host.Time, ct);
        await s.Host.Out.WriteLineAsync($"sandbox running at {s.Url} (pid {s.Sandbox.Pid})");
    }

    private static async Task SandboxDownAsync(DemoSession s, CancellationToken ct)
    {
        var sandbox = s.RequireSandbox();
        var code = await sandbox.StopAsync();
        sandbox.Dispose();
        s.Sandbox = null;
        await s.Host.Out.WriteLineAsync(code == 0 ? "sandbox stopped" : $"sandbox exited with code {code}");
    }
}
