using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Api;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl list</c>: ClusterDeployments read live, with the phase, provider and region childctl derives.
/// Filters narrow the list; -o json|yaml print the objects as a kubectl-style List, each with its <c>childctl</c> block
/// (<see cref="ObjectOutput.WithDerived"/>), which <c>--sort-by</c>, jsonpath and custom-columns read too.
/// </summary>
internal static class ListCommand
{
    public static Command Create(CliRun run)
    {
        var filter = new FilterOptions("Label selector, as in kubectl (e.g. env=dev,team!=ops); applied by the server");
        var shape = new ListingOptions();
        var watch = new Option<bool>("--watch", "-w") { Description = "After the list, print a row (or object) for each change, until Ctrl-C (as kubectl get -w)" };
        var command = shape.AddTo(filter.AddTo(new Command("list", "List child clusters with their live phase, provider and region") { watch }))
            .Prints([OutputFormat.Wide, .. OutputOption.Objects]);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            if (inv.Get(watch))
            {
                return await WatchAsync(inv, filter, shape, ct);
            }

            var sortBy = shape.SortBy(inv);
            var objects = OutputOption.IsObjects(inv.Output) || sortBy is not null;
            var listing = await new ListClustersService(inv.Session).ListAsync(new ListRequest(filter.Read(inv), KeepObjects: objects), ct);
            var items = listing.Clusters.Select(c => (Overview: c, Json: objects ? ObjectOutput.WithDerived(c) : default)).ToList();
            items = [.. ObjectOutput.Sorted(items, i => i.Json, sortBy)];
            var sorted = listing with { Clusters = items.Select(i => i.Overview).ToList() };
            var layout = shape.Layout(inv, inv.Layout, sorted.Clusters.Select(c => c.Cluster.Labels).ToList());
            await ObjectOutput.WriteListAsync(inv, K0rdentKinds.ClusterDeployment.NamePrefix, listing.Namespace, "clusters",
                items.Select(i => i.Json).ToList(), l => ClusterListView.Render(sorted, inv.Output == OutputFormat.Wide, inv.Now, l), layout);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>list -w</c>: the list, then each change, until Ctrl-C, which ends it cleanly (exit 0, as kubectl get -w).</summary>
    private static async Task<int> WatchAsync(Invocation inv, FilterOptions filter, ListingOptions shape, CancellationToken ct)
    {
        if (shape.SortBy(inv) is not null)
        {
            await inv.Err.WriteLineAsync("warning: --watch requested, --sort-by will be ignored");
        }

        var view = new ListWatchView(inv, inv.Output == OutputFormat.Wide, clusters => shape.Layout(inv, inv.Layout, clusters.Select(c => c.Cluster.Labels).ToList()));
        try
        {
            await new ListClustersService(inv.Session).WatchAsync(new ListRequest(filter.Read(inv)), view, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        return ExitCodes.Success;
    }
}
