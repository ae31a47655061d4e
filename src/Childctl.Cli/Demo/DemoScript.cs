using System.Globalization;
using System.Text.Json;
using Childctl.Cli.LocalSandbox;

namespace Childctl.Cli.Demo;

/// <summary>
/// The demo, step by step. For now it starts a sandbox, shows it answering, and stops it; the lifecycle steps
/// (create, wait, scale, delete, history) slot in before the last step as those commands arrive.
/// </summary>
internal static class DemoScript
{
    public static IReadOnlyList<DemoStep> Steps { get; } =
    [
        new("Start a local management cluster: a Kubernetes API emulator with a simulated k0rdent controller, 100x faster than a real cloud.",
            s => string.Create(CultureInfo.InvariantCulture, $"childctl sandbox up --speed {DemoSession.Speed} --kubeconfig-out {s.KubeconfigPath}"),
            SandboxUpAsync),
        new("It answers like a Kubernetes API server.",
            s => $"curl -k {s.Url}/version",
            VersionAsync),
        new("k0rdent's ClusterTemplates are installed: one per provider and version, and one broken one.",
            _ => "kubectl get clustertemplates -n kcm-system",
            (s, ct) => ListAsync(s, "clustertemplates", "VALID", o => Bool(o, "valid"), ct)),
        new("So are the Credentials the templates deploy with.",
            _ => "kubectl get credentials -n kcm-system",
            (s, ct) => ListAsync(s, "credentials", "READY", o => Bool(o, "ready"), ct)),
        new("childctl itself runs against it like against any management cluster.",
            _ => "childctl version",
            (s, ct) => s.RunChildctlAsync(["version"], ct)),
        new("Stop the sandbox; nothing is left running.", _ => "childctl sandbox down", SandboxDownAsync),
    ];

    private static async Task SandboxUpAsync(DemoSession s, CancellationToken ct)
    {
        var executable = SandboxExecutable.Locate(s.Host.GetEnvironmentVariable);
        var options = new SandboxLaunchOptions(0, s.KubeconfigPath, DemoSession.Speed, 0, null);
        s.Sandbox = await SandboxLauncher.StartAttachedAsync(executable, options, s.Host.Err, s.Host.Time, ct);
        await s.Host.Out.WriteLineAsync($"sandbox running at {s.Url} (pid {s.Sandbox.Pid})");
    }

    private static async Task VersionAsync(DemoSession s, CancellationToken ct)
    {
        using var http = new SandboxHttp(s.RequireSandbox().Ready.BaseUri, s.KubeconfigPath);
        using var version = await http.GetAsync("/version", ct);
        await s.Host.Out.WriteLineAsync(JsonSerializer.Serialize(version.RootElement, DemoJsonContext.Default.JsonElement));
    }

    private static async Task ListAsync(DemoSession s, string plural, string column, Func<JsonElement, string> value, CancellationToken ct)
    {
        using var http = new SandboxHttp(s.RequireSandbox().Ready.BaseUri, s.KubeconfigPath);
        using var list = await http.GetAsync($"/apis/k0rdent.mirantis.com/v1beta1/namespaces/kcm-system/{plural}", ct);
        var rows = list.RootElement.GetProperty("items").EnumerateArray()
            .Select(o => (Name: o.GetProperty("metadata").GetProperty("name").GetString() ?? "", Value: value(o)))
            .ToList();
        var width = Math.Max(4, rows.Max(r => r.Name.Length)) + 3;
        await s.Host.Out.WriteLineAsync("NAME".PadRight(width) + column);
        foreach (var (name, v) in rows)
        {
            await s.Host.Out.WriteLineAsync(name.PadRight(width) + v);
        }
    }

    private static async Task SandboxDownAsync(DemoSession s, CancellationToken ct)
    {
        var sandbox = s.RequireSandbox();
        var code = await sandbox.StopAsync();
        sandbox.Dispose();
        s.Sandbox = null;
        await s.Host.Out.WriteLineAsync(code == 0 ? "sandbox stopped" : $"sandbox exited with code {code}");
    }

    private static string Bool(JsonElement obj, string field) =>
        obj.TryGetProperty("status", out var status) && status.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.True ? "true" : "false";
}
