using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.History;

namespace Childctl.Cli.Commands;

/// <summary>
/// The team store's subcommands of <c>history</c>, one family kept in one file: <c>enable-team</c> (namespace, Roles and
/// RoleBindings, the marker every childctl looks for), <c>disable-team</c> (the marker off; what is stored stays) and
/// <c>push [--all]</c> (send what is pending; with --all, every local event the team store lacks).
/// </summary>
internal static class HistoryTeamCommands
{
    public static IEnumerable<Command> Create(CliRun run) => [Enable(run), Disable(run), Push(run)];

    private static Command Enable(CliRun run)
    {
        var writers = new Option<string[]>("--writer-group") { Description = "Group that may append to team history (repeat; default childctl:operators)", AllowMultipleArgumentsPerToken = true };
        var readers = new Option<string[]>("--reader-group") { Description = "Group that may read team history (repeat; default childctl:viewers)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("enable-team", "Keep history on the management cluster for the whole team (needs rights to create a namespace and Roles)") { writers, readers };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var request = new TeamEnableRequest(
                Groups(inv.Get(writers), TeamEnableRequest.DefaultWriters),
                Groups(inv.Get(readers), TeamEnableRequest.DefaultReaders));
            var result = await new TeamHistoryService(inv.Session).EnableAsync(request, ct);
            await WriteAsync(inv, result);
            await inv.Err.WriteLineAsync("Every childctl using this management cluster now mirrors its history there; 'childctl history push --all' sends what this machine recorded before.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Disable(CliRun run)
    {
        var command = new Command("disable-team", "Stop mirroring history to the management cluster (what is stored there stays)");
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            await WriteAsync(inv, await new TeamHistoryService(inv.Session).DisableAsync(ct));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Push(CliRun run)
    {
        var all = new Option<bool>("--all") { Description = "Also send every local event of this management cluster the team history lacks (existing and migrated history), once" };
        var command = new Command("push", "Send the events waiting for the team history (idempotent by event id)") { all };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var result = await new TeamHistoryService(inv.Session).PushAsync(inv.Get(all), ct);
            await inv.Out.WriteLineAsync(
                $"pushed {result.Sent} {(result.Sent == 1 ? "event" : "events")} to namespace {result.Namespace} on {result.ManagementCluster}"
                + (inv.Get(all) ? $" ({result.AlreadyThere} already there)" : string.Empty)
                + (result.StillPending > 0 ? $"; {result.StillPending} still pending (being sent by another childctl)" : string.Empty));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(Invocation inv, TeamSetupResult result)
    {
        foreach (var step in result.Steps)
        {
            await inv.Out.WriteLineAsync(step);
        }

        await inv.Out.WriteLineAsync($"team history {(result.Enabled ? "enabled" : "disabled")} on {result.ManagementCluster} (namespace {result.Namespace})");
    }

    private static IReadOnlyList<string> Groups(string[]? given, IReadOnlyList<string> defaults)
    {
        var groups = (given ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return groups.Count > 0 ? groups : defaults;
    }
}
