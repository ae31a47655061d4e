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
        var command = new Command("templates", "List ClusterTemplates: provider, chart and k0s versions, validity, upgrade targets")
            .Prints(OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Name);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var listing = await new CatalogService(inv.Session).ListTemplatesAsync(ct);
            await ObjectOutput.WriteListAsync(inv, K0rdentKinds.ClusterTemplate.NamePrefix, listing.Namespace, "cluster templates",
                listing.Templates.Select(t => t.Raw).ToList(), color => TemplateListView.Render(listing, inv.Output == OutputFormat.Wide, color));
            if (!ObjectOutput.Handles(inv.Output) && listing.Templates.Count > 0 && !listing.Upgrades.Served)
            {
                await inv.Err.WriteLineAsync("note: this management cluster serves no ClusterTemplateChains, so no upgrade targets are known");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
