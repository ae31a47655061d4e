using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Api;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl list</c>: ClusterDeployments read live, with the phase, provider and region childctl derives.
/// Filters narrow the list; -o json|yaml print the objects as a kubectl-style List.
/// </summary>
internal static class ListCommand
{
    public static Command Create(CliRun run)
    {
        var filter = new FilterOptions("Label selector, as in kubectl (e.g. env=dev,team!=ops); applied by the server");
        var command = filter.AddTo(new Command("list", "List child clusters with their live phase, provider and region"))
            .Prints(OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Name);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var request = new ListRequest(filter.Read(inv), KeepObjects: ObjectOutput.Handles(inv.Output));
            var listing = await new ListClustersService(inv.Session).ListAsync(request, ct);
            await ObjectOutput.WriteListAsync(inv, K0rdentKinds.ClusterDeployment.NamePrefix, listing.Namespace, "clusters",
                listing.Clusters.Select(c => c.Cluster.Raw).ToList(), color => ClusterListView.Render(listing, inv.Output == OutputFormat.Wide, inv.Now, color));
            return ExitCodes.Success;
        });
        return command;
    }
}
