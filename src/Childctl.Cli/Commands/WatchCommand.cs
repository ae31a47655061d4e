using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Operations.Watch;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl watch [NAME]</c>: a live view of phase changes in the namespace (or all, with -A), narrowed by the cluster
/// filter, until interrupted. For one NAME it ends when that cluster is gone, or with exit 7 when k0rdent reports it
/// Failed for its current spec, and records what it saw in history as <c>wait</c> does, once per transition.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliRun run)
    {
        var name = CommandOptions.OptionalName("Watch only this cluster");
        var filter = new FilterOptions("Label selector, as in kubectl");
        var command = filter.AddTo(new Command("watch", "Show child clusters' phase changes live (-o json: the watch events as JSON lines)") { name })
            .Prints(OutputFormat.Json);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            await new WatchClustersService(inv.Session).WatchAsync(new WatchRequest(inv.Get(name), filter.Read(inv)), new WatchView(inv), ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
