using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Delete;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl delete NAME... | -l SELECTOR | --provider P | --region R | --phase X | --template T | --all</c>: the whole
/// workflow (plan, confirm, delete with preconditions, wait) is Core's <see cref="DeleteClustersService"/>; the plan,
/// the question and each result are shown by <see cref="DeleteView"/>. Exit 8 when some failed.
/// </summary>
internal static class DeleteCommand
{
    public static Command Create(CliRun run)
    {
        var names = CommandOptions.Names("Clusters to delete");
        var filter = new FilterOptions("Label selector, as in kubectl");
        var all = new Option<bool>("--all") { Description = "Every cluster in the namespace (or all namespaces with -A)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan and stop" };
        var wait = CommandOptions.Wait("the deleted clusters are gone");
        var timeout = CommandOptions.Timeout();
        var reason = CommandOptions.Reason();
        var command = filter.AddTo(new Command("delete", "Delete child clusters: plan, confirm, delete with preconditions, optionally wait until gone") { names })
            .Prints(OutputOption.Objects);
        foreach (var option in new Option[] { all, yes, dryRun, wait, timeout, reason })
        {
            command.Options.Add(option);
        }

        Invocation.Bind(command, run, async (inv, ct) =>
        {
            if (OutputOption.IsObjects(inv.Output) && !inv.Get(dryRun))
            {
                throw ChildctlException.InvalidInput("-o prints the plan of a delete --dry-run; without --dry-run, delete prints one line per cluster");
            }

            var request = new DeleteRequest
            {
                Names = inv.Get(names) ?? [],
                Filter = filter.Read(inv),
                All = inv.Get(all),
                Yes = inv.Get(yes),
                DryRun = inv.Get(dryRun),
                Wait = inv.WaitFor(wait, timeout),
                Reason = inv.Get(reason),
            };
            var view = new DeleteView(inv);
            var summary = await new DeleteClustersService(inv.Session).RunAsync(request, view, ct);
            view.OnSummary(summary);
            return summary.PartiallyFailed ? ExitCodes.PartialFailure : ExitCodes.Success;
        });
        return command;
    }
}
