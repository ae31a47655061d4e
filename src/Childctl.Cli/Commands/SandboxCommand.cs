using System.CommandLine;
using System.Globalization;
using Childctl.Cli.LocalSandbox;
using Childctl.Cli.Output;
using Childctl.Core.Text;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl sandbox up|down|status</c>: a local management cluster to try childctl and kubectl on. <c>up</c> is
/// <see cref="SandboxUpCommand"/>; <c>down</c> stops the sandbox <c>up</c> started and removes its state (nothing
/// running is not an error); <c>status</c> says whether one runs, where and since when (exit 0 if it runs, 3 if not).
/// </summary>
internal static class SandboxCommand
{
    public static Command Create(CliRun run) => new("sandbox", "Run a local simulated k0rdent management cluster (no cloud needed)")
    {
        SandboxUpCommand.Create(run),
        Down(run),
        Status(run),
    };

    private static Command Down(CliRun run)
    {
        var command = new Command("down", "Stop the sandbox");
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var stopped = await new SandboxManager(inv.Host).StopAsync(ct);
            await inv.Err.WriteLineAsync(stopped is null
                ? "no sandbox is running"
                : $"stopped the sandbox at {stopped.BaseUri.ToString().TrimEnd('/')} (pid {stopped.Pid})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status(CliRun run)
    {
        var command = new Command("status", "Show whether the sandbox is running, its URL and kubeconfig").Prints(OutputFormat.Json, OutputFormat.Yaml);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var state = new SandboxManager(inv.Host).Running();
            List<KeyValuePair<string, object?>> fields = state is null
                ? [new("status", "not running")]
                :
                [
                    new("status", "running"),
                    new("pid", state.Pid),
                    new("url", state.BaseUri.ToString().TrimEnd('/')),
                    new("kubeconfig", state.KubeconfigPath),
                    new("started", state.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                    new("uptime", DurationText.Format(inv.Now - state.StartedAt)),
                    new("log", state.Log.Length > 0 ? state.Log : null),
                ];
            await inv.Out.WriteLineAsync(KeyValueWriter.Render(fields, inv.Output).AsMemory(), ct);
            return state is null ? ExitCodes.NotFound : ExitCodes.Success;
        });
        return command;
    }
}
