using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Childctl.Cli.LocalSandbox;
using Childctl.Core.Operations.Kubeconfig;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl sandbox up</c>: starts the sandbox and says how to use it; in the foreground until Ctrl-C, or
/// with <c>--detach</c> in the background. stdout gets one line, <c>export KUBECONFIG=...</c>, so that
/// <c>eval "$(childctl sandbox up --detach)"</c> points the shell at it.
/// </summary>
internal static class SandboxUpCommand
{
    public static Command Create(CliRun run)
    {
        var port = new Option<int>("--port")
        {
            Description = "Port on 127.0.0.1 (default: a free one)",
            CustomParser = r => Number(r, 0, 65535, "--port must be between 0 and 65535"),
        };
        var kubeconfigOut = new Option<string?>("--kubeconfig-out") { Description = "Where to write the sandbox's kubeconfig (default: in the sandbox state folder)" };
        var viewerOut = new Option<string?>("--read-only-kubeconfig-out")
        {
            Description = "Where to write a kubeconfig with the read-only token, 403 on every write (default: kubeconfig-viewer in the sandbox state folder)",
        };
        var speed = new Option<double>("--speed")
        {
            Description = "How much faster simulated time runs (1 = like a real cloud, 100 = a cluster in seconds)",
            DefaultValueFactory = _ => 1,
            CustomParser = Speed,
        };
        var clusters = new Option<int>("--clusters")
        {
            Description = "Pre-seed this many clusters in various phases",
            CustomParser = r => Number(r, 0, 1_000_000, "--clusters must be between 0 and 1000000"),
        };
        var seed = new Option<int?>("--seed")
        {
            Description = "Seed for the pre-seeded world (same seed, same clusters)",
            CustomParser = r => Number(r, int.MinValue, int.MaxValue, "--seed must be an integer"),
        };
        var detach = new Option<bool>("--detach") { Description = "Run in the background; stop it with 'childctl sandbox down'" };
        RequireFilePath(kubeconfigOut);
        RequireFilePath(viewerOut);
        var command = new Command("up", "Start the sandbox") { port, kubeconfigOut, viewerOut, speed, clusters, seed, detach };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var manager = new SandboxManager(inv.Host);
            var options = manager.Options(inv.Get(port), inv.Get(kubeconfigOut), inv.Get(speed), inv.Get(clusters), inv.Get(seed), inv.Get(viewerOut));
            return inv.Get(detach)
                ? await DetachedAsync(inv.Host, manager, options, ct)
                : await ForegroundAsync(inv.Host, manager, options, ct);
        });
        return command;
    }

    /// <summary>A kubeconfig path must be able to become a file: not a folder, and no file standing where its folder goes.</summary>
    private static void RequireFilePath(Option<string?> option) => option.Validators.Add(result =>
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var full = Path.GetFullPath(value);
        if (Directory.Exists(full))
        {
            result.AddError($"{option.Name} {value} is a folder: give the path of the kubeconfig file to write");
        }
        else if (PrivateFile.FileInTheWay(Path.GetDirectoryName(full)!) is { } file)
        {
            result.AddError($"{option.Name} {value} cannot be written: {file} is a file, not a folder");
        }
    });

    private static async Task<int> DetachedAsync(CliHost host, SandboxManager manager, SandboxLaunchOptions options, CancellationToken ct)
    {
        var state = await manager.StartDetachedAsync(options, ct);
        await AnnounceAsync(host, state.Pid, state.BaseUri, state.KubeconfigPath, options);
        await host.Err.WriteLineAsync($"stop it with 'childctl sandbox down' (log: {state.Log})");
        return ExitCodes.Success;
    }

    private static async Task<int> ForegroundAsync(CliHost host, SandboxManager manager, SandboxLaunchOptions options, CancellationToken ct)
    {
        using var child = await manager.StartAttachedAsync(options, ct);
        await AnnounceAsync(host, child.Pid, child.Ready.BaseUri, child.Ready.KubeconfigPath, options);
        await host.Err.WriteLineAsync("stop it with Ctrl-C");
        var code = await manager.RunUntilStoppedAsync(child, ct);
        await host.Err.WriteLineAsync(code == 0 ? "sandbox stopped" : $"sandbox exited with code {code}");
        return code == 0 ? ExitCodes.Success : ExitCodes.General;
    }

    private static async Task AnnounceAsync(CliHost host, int pid, Uri url, string kubeconfig, SandboxLaunchOptions options)
    {
        var err = host.Err;
        await err.WriteLineAsync($"sandbox running at {url.ToString().TrimEnd('/')} (pid {pid}, speed {options.Speed}x, {options.Clusters} pre-seeded clusters)");
        await err.WriteLineAsync($"kubeconfig: {kubeconfig}");
        if (options.ViewerKubeconfigPath is { } viewer)
        {
            await err.WriteLineAsync($"read-only kubeconfig (403 on every write): {viewer}");
        }

        await err.WriteLineAsync("use it with the line below, or pass --kubeconfig to childctl and kubectl:");
        await host.Out.WriteLineAsync($"export KUBECONFIG={Quote(kubeconfig)}");
        await host.Out.FlushAsync();
    }

    private static int Number(ArgumentResult result, int min, int max, string message)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{message}, not '{text}'");
        return 0;
    }

    // The sandbox's own bounds (SandboxOptions.MinSpeed/MaxSpeed), checked here too so that a bad value is exit 2 at once.
    private const double MinSpeed = 0.01;
    private const double MaxSpeed = 10_000;

    private static double Speed(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= MinSpeed && value <= MaxSpeed)
        {
            return value;
        }

        result.AddError(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"--speed is out of range: it must be between {MinSpeed} and {MaxSpeed} (times real time), not {text}"
            : $"--speed must be a number between {MinSpeed} and {MaxSpeed}, not '{text}'");
        return 1;
    }

    private static string Quote(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || "-_./".Contains(c)) ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
