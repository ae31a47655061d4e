using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl events [NAME] [-w]</c>: the Kubernetes Events about one cluster's incarnation (by uid, as status shows
/// them) or about every ClusterDeployment in scope, read live through <see cref="ClusterEventsService"/>; <c>-w</c>
/// keeps following. -o json|yaml print the Event objects as a List.
/// </summary>
internal static class EventsCommand
{
    public static Command Create(CliRun run)
    {
        var name = CommandOptions.OptionalName("Cluster whose Events to show (every ClusterDeployment's when omitted)");
        var watch = new Option<bool>("--watch", "-w") { Description = "After the list, keep printing new Events until interrupted" };
        var command = new Command("events", "Show the Kubernetes Events about child clusters (live; the API server keeps them about an hour)") { name, watch }
            .Prints(OutputFormat.Json, OutputFormat.Yaml);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var follow = inv.Get(watch);
            if (follow && OutputOption.IsObjects(inv.Output))
            {
                throw ChildctlException.InvalidInput("-w prints table rows as Events arrive; use -o json|yaml without -w");
            }

            var service = new ClusterEventsService(inv.Session);
            var scope = await service.ResolveAsync(inv.Get(name), ct);
            await inv.Err.WriteLineAsync(EventsView.Narration(scope, follow));
            await foreach (var update in service.ReadAsync(scope, follow, ct))
            {
                if (update.IsInitial)
                {
                    await ObjectOutput.WriteListAsync(inv, "event", scope.Namespace, "events", update.Events.Select(e => e.Raw).ToList(),
                        color => EventsView.Render(update.Events, scope, inv.Now, color));
                }
                else
                {
                    await inv.Out.WriteAsync(EventsView.Render(update.Events, scope, inv.Now, inv.UseColor, header: false));
                }

                await inv.Out.FlushAsync(ct);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
