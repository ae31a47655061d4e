using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl templates</c>: the ClusterTemplates one can create from, read live, with validity and upgrade targets.</summary>
internal static class TemplatesCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("templates", "List ClusterTemplates: provider, chart and k0s versions, validity, upgrade targets");
        CliContext.Bind(command, session, async (context, ct) =>
        {
            using var api = LiveView.Connect(context);
            var listing = await new ListTemplatesService(api).ListAsync(LiveView.Scope(context, api), ct);
            if (listing.Templates.Count == 0)
            {
                await LiveView.ReportEmptyAsync(context, "cluster templates", listing.Namespace);
            }

            if (ObjectOutput.Handles(context.Output))
            {
                await ObjectOutput.WriteListAsync(context.Host.Out, context.Output, K0rdentKinds.ClusterTemplate, listing.Templates.Select(t => t.Raw).ToList());
            }
            else if (listing.Templates.Count > 0)
            {
                await context.Host.Out.WriteAsync(TemplateListView.Render(listing, context.Output == OutputFormat.Wide, listing.Namespace is null, context.UseColor));
                if (!listing.Upgrades.Served)
                {
                    await context.Host.Err.WriteLineAsync("note: this management cluster serves no ClusterTemplateChains, so no upgrade targets are known");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
