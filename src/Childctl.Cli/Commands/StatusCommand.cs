using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl status NAME</c> (alias <c>describe</c>): one cluster read live, with every condition, services,
/// upgrades, kubeconfig availability and Events, then the last local history entries under their own heading.
/// A cluster the API does not have is not found (exit 3), whatever local history says.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliSession session)
    {
        var name = ClusterNameArgument.One();
        var command = new Command("status", "Show one child cluster's live phase, conditions, services, Events and recent local history") { name };
        command.Aliases.Add("describe");
        CliContext.Bind(command, session, async (context, ct) =>
        {
            if (context.AllNamespaces)
            {
                throw ChildctlException.InvalidInput("status reads one cluster in one namespace: use -n NAMESPACE instead of -A");
            }

            using var api = LiveView.Connect(context);
            var service = new ClusterStatusService(api, LiveView.History(context));
            var report = await service.GetAsync(api.Cluster.DefaultNamespace, context.Parse.GetValue(name)!, ct);
            if (ObjectOutput.Handles(context.Output))
            {
                await ObjectOutput.WriteOneAsync(context.Host.Out, context.Output, K0rdentKinds.ClusterDeployment, report.Overview.Cluster.Raw);
            }
            else
            {
                await context.Host.Out.WriteAsync(ClusterStatusView.Render(report, LiveView.Now(context), context.UseColor));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
