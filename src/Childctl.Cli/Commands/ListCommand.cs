using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl list</c>: ClusterDeployments read live, with the phase, provider and region childctl derives.
/// Filters narrow the list; -o json|yaml print the objects as a kubectl-style List.
/// </summary>
internal static class ListCommand
{
    private static readonly string[] PhaseNames = Enum.GetNames<ClusterPhase>();

    public static Command Create(CliSession session)
    {
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector, as in kubectl (e.g. env=dev,team!=ops); applied by the server" };
        var phase = FilterOption.Create("--phase", "Only clusters in these phases", PhaseNames);
        var provider = FilterOption.Create("--provider", "Only clusters on these clouds (from the template's infrastructure provider)", Providers.Known);
        var region = new Option<string?>("--region") { Description = "Only clusters in these cloud regions (spec.config location/region), comma-separated" };
        var template = new Option<string?>("--template") { Description = "Only clusters using these ClusterTemplates, comma-separated" };
        var command = new Command("list", "List child clusters with their live phase, provider and region")
        {
            selector, phase, provider, region, template,
        };
        CliContext.Bind(command, session, async (context, ct) =>
        {
            using var api = LiveView.Connect(context);
            var query = new ClusterQuery
            {
                Namespace = LiveView.Scope(context, api),
                LabelSelector = context.Parse.GetValue(selector),
                Phases = FilterOption.Canonical(context.Parse.GetValue(phase), PhaseNames).Select(Enum.Parse<ClusterPhase>).ToHashSet(),
                ProviderNames = FilterOption.Canonical(context.Parse.GetValue(provider), Providers.Known).ToHashSet(StringComparer.Ordinal),
                Regions = FilterOption.Split(context.Parse.GetValue(region)).ToHashSet(StringComparer.OrdinalIgnoreCase),
                Templates = FilterOption.Split(context.Parse.GetValue(template)).ToHashSet(StringComparer.Ordinal),
                KeepObjects = ObjectOutput.Handles(context.Output),
            };
            var listing = await new ListClustersService(api).ListAsync(query, ct);
            await WriteAsync(context, listing);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext context, ClusterListing listing)
    {
        if (listing.Clusters.Count == 0)
        {
            await LiveView.ReportEmptyAsync(context, "clusters", listing.Query.Namespace);
        }

        if (ObjectOutput.Handles(context.Output))
        {
            await ObjectOutput.WriteListAsync(context.Host.Out, context.Output, K0rdentKinds.ClusterDeployment,
                listing.Clusters.Select(c => c.Cluster.Raw).ToList());
        }
        else if (listing.Clusters.Count > 0)
        {
            await context.Host.Out.WriteAsync(ClusterListView.Render(
                listing, context.Output == OutputFormat.Wide, listing.Query.Namespace is null, LiveView.Now(context), context.UseColor));
        }
    }
}
