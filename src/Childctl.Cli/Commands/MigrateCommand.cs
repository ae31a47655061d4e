using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Cli.Output.History;
using Childctl.Core.History;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl migrate [--from DIR] [--namespace NS] [--dry-run]</c>: imports the legacy bash tools'
/// <c>state/cluster-*-{events,state}.yaml</c> into history, once. State files become dated snapshots, never state.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliRun run)
    {
        var from = new Option<string>("--from") { Description = "The legacy state folder", DefaultValueFactory = _ => "state" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be imported; write and move nothing" };
        var command = new Command("migrate", "Import the legacy state/cluster-*-events.yaml and -state.yaml files into history (idempotent)")
        {
            from, dryRun,
        }.Prints(OutputFormat.Json, OutputFormat.Name);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var report = await new MigrationService(inv.Session).MigrateAsync(new MigrationRequest(Path.GetFullPath(inv.Get(from)), inv.Get(dryRun)), ct);
            foreach (var line in MigrationRenderer.Narration(report, inv.Session.Cluster.ClusterName))
            {
                await inv.Err.WriteLineAsync(line);
            }

            await inv.Out.WriteAsync(MigrationRenderer.Render(report, inv.Output));
            return report.HasSkipped ? ExitCodes.PartialFailure : ExitCodes.Success;
        });
        return command;
    }
}
