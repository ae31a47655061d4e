using System.CommandLine;
using Childctl.Cli.Output.History;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations;
using Childctl.History.Store;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl migrate [--from DIR] [--namespace NS] [--dry-run]</c>: imports the legacy bash tools'
/// <c>state/cluster-*-{events,state}.yaml</c> into history, once. State files become dated snapshots, never state.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliSession session)
    {
        var from = new Option<string>("--from") { Description = "The legacy state folder", DefaultValueFactory = _ => "state" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be imported; write and move nothing" };
        var command = new Command("migrate", "Import the legacy state/cluster-*-events.yaml and -state.yaml files into history (idempotent)")
        {
            from, dryRun,
        };
        CliContext.Bind(command, session, async (ctx, ct) =>
        {
            var mc = Resolve(ctx);
            var request = new MigrationRequest(Path.GetFullPath(ctx.Parse.GetValue(from)!), mc, ctx.ExplicitNamespace ?? KubeconfigResolver.FallbackNamespace, ctx.Parse.GetValue(dryRun));
            var store = new FileHistoryStore(ctx.HistoryDirectory, ctx.Host.Time);
            var report = await new MigrationService(store, ctx.Host.Time).MigrateAsync(request, ct);
            foreach (var line in MigrationRenderer.Narration(report, mc.ClusterName))
            {
                await ctx.Host.Err.WriteLineAsync(line);
            }

            await ctx.Host.Out.WriteAsync(MigrationRenderer.Render(report, ctx.Output));
            return report.HasSkipped ? ExitCodes.PartialFailure : ExitCodes.Success;
        });
        return command;
    }

    private static ManagementCluster Resolve(CliContext ctx)
    {
        try
        {
            return ManagementApi.Resolve(ctx.KubeconfigPath, ctx.ContextName, ctx.ExplicitNamespace, ctx.Host.GetEnvironmentVariable);
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.InvalidInput)
        {
            throw ChildctlException.InvalidInput($"migrate files history under the management cluster of the kubeconfig context: {e.Message}");
        }
    }
}
