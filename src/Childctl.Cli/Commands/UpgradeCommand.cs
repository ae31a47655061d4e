using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Change;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl upgrade NAME --list</c> shows the templates k0rdent allows (<c>status.availableUpgrades</c>); without NAME
/// (<c>-A</c>, <c>-l</c>, ...) the clusters of the scope that have upgrades. <c>--to TEMPLATE</c> or <c>--latest</c> moves
/// spec.template to one of them, and refuses (exit 2) anything else: one NAME through <see cref="UpgradeService"/>;
/// several, a filter or <c>--all</c> through <see cref="UpgradeClustersService"/> (plan, confirm, upgrade each, wait,
/// summary; exit 8 when some failed).
/// </summary>
internal static class UpgradeCommand
{
    public static Command Create(CliRun run)
    {
        var names = CommandOptions.Names("Clusters to upgrade (or to list, with --list)");
        var filter = new FilterOptions("Label selector, as in kubectl: upgrade (or list) every cluster it matches");
        var all = new Option<bool>("--all") { Description = "Every cluster in the namespace (or all namespaces with -A)" };
        var list = new Option<bool>("--list") { Description = "Show the current template and the allowed upgrade targets (-o json|yaml: as a record); without NAME, every cluster that has some" };
        var to = new Option<string?>("--to") { Description = "The ClusterTemplate to move to (one of the allowed targets)" };
        var latest = new Option<bool>("--latest") { Description = "Move each cluster to the newest of its own allowed targets" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (a filter or --all asks on a terminal)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan of a batch upgrade and stop" };
        var force = CommandOptions.Force("while the previous change is in flight (each cluster of a batch; recorded as forced)");
        var reason = CommandOptions.Reason();
        var wait = CommandOptions.Wait("k0rdent reports the upgraded clusters Ready");
        var timeout = CommandOptions.Timeout();
        var command = filter.AddTo(new Command("upgrade", "List or apply child clusters' template upgrades (only along status.availableUpgrades)")
        {
            names, all, list, to, latest, yes, dryRun, force, reason, wait, timeout,
        }).Prints(OutputFormat.Json, OutputFormat.Yaml);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            if (new[] { inv.Get(list), inv.Get(to) is not null, inv.Get(latest) }.Count(x => x) != 1)
            {
                throw ChildctlException.InvalidInput("give one of --list, --to TEMPLATE or --latest");
            }

            var selection = new ClusterSelection { Names = inv.Get(names) ?? [], Filter = filter.Read(inv), All = inv.Get(all) };
            var one = selection.Names.Count == 1 && selection.Filter.IsEmpty && !selection.All ? selection.Names[0] : null;
            var service = new UpgradeService(inv.Session);
            if (inv.Get(list))
            {
                await inv.Out.WriteAsync(one is not null
                    ? UpgradeOptionsView.Render(await service.ListAsync(one, ct), inv.Output)
                    : UpgradeOptionsView.Render(await service.ListManyAsync(ListScope(selection), ct), inv.Output, inv.Err));
                return ExitCodes.Success;
            }

            if (one is not null && !inv.Get(dryRun))
            {
                await service.UpgradeAsync(new UpgradeRequest(one, inv.Get(to)) { Wait = inv.WaitFor(wait, timeout), Reason = inv.Get(reason), Force = inv.Get(force) }, new UpgradeView(inv), ct);
                return ExitCodes.Success;
            }

            var request = new UpgradeBatchRequest
            {
                Selection = selection,
                Target = inv.Get(to),
                Yes = inv.Get(yes),
                DryRun = inv.Get(dryRun),
                Force = inv.Get(force),
                Wait = inv.WaitFor(wait, timeout),
                Reason = inv.Get(reason),
            };
            var summary = await new UpgradeClustersService(inv.Session).RunAsync(request, new UpgradeBatchView(inv), ct);
            return summary.PartiallyFailed ? ExitCodes.PartialFailure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>--list over a scope takes filters (or nothing: the whole namespace), not several names.</summary>
    private static ClusterFilter ListScope(ClusterSelection selection) => selection.Names.Count == 0
        ? selection.Filter
        : throw ChildctlException.InvalidInput("--list takes one NAME, or filters (-l, --provider, ...) or -A for many clusters");
}
