using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Operations.Wait;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl wait NAME... | -l SELECTOR | --provider P | ... | --all [--for ready|deleted] [--timeout 30m]</c>: until
/// each cluster is Ready (a Ready that can be trusted), fails (exit 7), is gone, or time runs out (exit 6, listing what is
/// unmet). One NAME is <see cref="WaitService"/> with its checklist; more, or a filter, is <see cref="BatchWaitService"/>
/// (one watch, one progress view, one summary; exit 8 when some did not make it). Progress goes to stderr; the outcome
/// lines to stdout. The transition each ends on is recorded in history once, however often wait runs.
/// </summary>
internal static class WaitCommand
{
    public static Command Create(CliRun run)
    {
        var names = CommandOptions.Names("Clusters to wait for");
        var filter = new FilterOptions("Label selector, as in kubectl: wait for every cluster it matches");
        var all = new Option<bool>("--all") { Description = "Every cluster in the namespace (or all namespaces with -A)" };
        var goal = new Option<string>("--for") { Description = "ready (default) or deleted", DefaultValueFactory = _ => "ready" };
        goal.AcceptOnlyFromAmong("ready", "deleted");
        var timeout = CommandOptions.Timeout();
        var command = filter.AddTo(new Command("wait", "Wait until child clusters are Ready (or deleted), failing early when k0rdent reports failure") { names, all, goal, timeout });
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var selection = new ClusterSelection { Names = inv.Get(names) ?? [], Filter = filter.Read(inv), All = inv.Get(all) };
            var forGoal = inv.Get(goal) == "deleted" ? WaitGoal.Deleted : WaitGoal.Ready;
            var within = inv.Get(timeout) ?? CommandOptions.DefaultWaitTimeout;
            if (selection.Names.Count == 1 && selection.Filter.IsEmpty && !selection.All)
            {
                var request = new WaitRequest(inv.Session.OneNamespace("wait"), selection.Names[0], forGoal, within);
                await new WaitService(inv.Session).WaitAsync(request, new WaitView(inv), ct);
                return ExitCodes.Success;
            }

            var summary = await new BatchWaitService(inv.Session).WaitAsync(new BatchWaitRequest(selection, forGoal, within), new BatchWaitView(inv), ct);
            return summary.PartiallyFailed ? ExitCodes.PartialFailure : ExitCodes.Success;
        });
        return command;
    }
}
