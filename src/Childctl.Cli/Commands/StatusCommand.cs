using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Api;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl status NAME</c> (alias <c>describe</c>): one cluster read live, with every condition, services,
/// upgrades, kubeconfig availability and Events, then the last local history entries under their own heading.
/// A cluster the API does not have is not found (exit 3), whatever local history says.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliRun run)
    {
        var name = CommandOptions.Name();
        var command = new Command("status", "Show one child cluster's live phase, conditions, services, Events and recent local history") { name }
            .Prints(OutputOption.Objects);
        command.Aliases.Add("describe");
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var report = await new ClusterStatusService(inv.Session).GetAsync(inv.Get(name), ct);
            await inv.Out.WriteAsync(ObjectOutput.Handles(inv.Output)
                ? ObjectOutput.One(inv, K0rdentKinds.ClusterDeployment.NamePrefix, ObjectOutput.WithDerived(report.Overview))
                : ClusterStatusView.Render(report, inv.Now, inv.UseColor));
            return ExitCodes.Success;
        });
        return command;
    }
}
