using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Api;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl templates</c>: the ClusterTemplates one can create from, read live, with validity and upgrade targets.</summary>
internal static class TemplatesCommand
{
    public static Command Create(CliRun run)
    {
        var shape = new ListingOptions();
        var command = shape.AddTo(new Command("templates", "List ClusterTemplates: provider, chart and k0s versions, validity, upgrade targets"))
            .Prints([OutputFormat.Wide, .. OutputOption.Objects]);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var served = await new CatalogService(inv.Session).ListTemplatesAsync(ct);
            var listing = served with { Templates = ObjectOutput.Sorted(served.Templates, t => t.Raw, shape.SortBy(inv)) };
            var layout = shape.Layout(inv, inv.Layout, listing.Templates.Select(t => ListingOptions.LabelsOf(t.Raw)).ToList());
            await ObjectOutput.WriteListAsync(inv, K0rdentKinds.ClusterTemplate.NamePrefix, listing.Namespace, "cluster templates",
                listing.Templates.Select(t => t.Raw).ToList(), l => TemplateListView.Render(listing, inv.Output == OutputFormat.Wide, l), layout);
            if (!OutputOption.IsObjects(inv.Output) && listing.Templates.Count > 0 && !listing.Upgrades.Served)
            {
                await inv.Err.WriteLineAsync("note: this management cluster serves no ClusterTemplateChains, so no upgrade targets are known");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
