using System.Text.Json;
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
        var tree = new Option<bool>("--tree")
        {
            Description = "The Cluster API objects behind the cluster, by owner, with their Ready conditions (as clusterctl describe cluster; -o json|yaml: a List of them)",
        };
        var command = new Command("status", "Show one child cluster's live phase, conditions, services, Events and recent local history") { name, tree }
            .Prints(OutputOption.Objects);
        command.Aliases.Add("describe");
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            if (inv.Get(tree))
            {
                await WriteTreeAsync(inv, await new CapiTreeService(inv.Session).GetAsync(inv.Get(name), ct), ct);
                return ExitCodes.Success;
            }

            var report = await new ClusterStatusService(inv.Session).GetAsync(inv.Get(name), ct);
            await inv.Out.WriteAsync(OutputOption.IsObjects(inv.Output)
                ? ObjectOutput.One(inv, K0rdentKinds.ClusterDeployment.NamePrefix, ObjectOutput.WithDerived(report.Overview))
                : ClusterStatusView.Render(report, inv.Now, inv.UseColor));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTreeAsync(Invocation inv, CapiTree tree, CancellationToken ct)
    {
        foreach (var note in CapiTreeView.Notes(tree))
        {
            await inv.Err.WriteLineAsync(note.AsMemory(), ct);
        }

        var objects = tree.Objects.ToList();
        if (inv.Output == OutputFormat.Name)
        {
            await inv.Out.WriteAsync(string.Concat(objects.Select(o => o.QualifiedName + "\n")).AsMemory(), ct);
        }
        else if (OutputOption.IsObjects(inv.Output))
        {
            using var list = JsonDocument.Parse(JsonOutput.List(objects.Select(o => o.Raw)));
            await inv.Out.WriteAsync(ObjectOutput.List(inv, string.Empty, list.RootElement).AsMemory(), ct);
        }
        else if (objects.Count > 0)
        {
            await inv.Out.WriteAsync(CapiTreeView.Render(tree, inv.Now, inv.Layout).AsMemory(), ct);
        }
    }
}
