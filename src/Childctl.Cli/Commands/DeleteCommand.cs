using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Delete;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl delete NAME... | -l SELECTOR | --provider P | --region R | --phase X | --all</c>: the plan first (what
/// exactly will go), then confirmation (type the count for more than one; refuse without a terminal unless --yes),
/// then deletes guarded by uid+resourceVersion preconditions, one result line per cluster, exit 8 when some failed.
/// </summary>
internal static class DeleteCommand
{
    public static Command Create(CliSession session)
    {
        var names = ClusterNameArgument.Many("Clusters to delete");
        var o = new DeleteOptions();
        var command = new Command("delete", "Delete child clusters: plan, confirm, delete with preconditions, optionally wait until gone") { names };
        o.AddTo(command);
        CliContext.Bind(command, session, async (context, ct) =>
        {
            var p = context.Parse;
            var requested = new DeleteSelection
            {
                Names = p.GetValue(names) ?? [],
                LabelSelector = p.GetValue(o.Selector),
                Provider = p.GetValue(o.Provider),
                Region = p.GetValue(o.Region),
                Phase = CanonicalPhase(p.GetValue(o.Phase)),
                All = p.GetValue(o.All),
                AllNamespaces = context.AllNamespaces,
            };
            DeleteClustersService.Validate(requested);
            using var api = LiveView.Connect(context);
            var selection = requested with { Namespace = context.AllNamespaces ? null : api.Cluster.DefaultNamespace };
            var service = new DeleteClustersService(api, await Lifecycle.RecorderAsync(context, api, p.GetValue(o.Reason), ct), context.Host.Time);
            var plan = await service.PlanAsync(selection, ct);
            await ShowPlanAsync(context, plan);
            if (plan.IsEmpty && plan.MissingNames.Count > 0)
            {
                throw ChildctlException.NotFound($"none of the named clusters exist in namespace \"{selection.Namespace}\"");
            }

            var decision = DeleteConfirmation.Decide(plan.Items.Count, p.GetValue(o.Yes), p.GetValue(o.DryRun), context.Host.StdinIsTerminal);
            if (!await ConfirmAsync(context, plan, decision))
            {
                return plan.MissingNames.Count > 0 ? ExitCodes.PartialFailure : ExitCodes.Success;
            }

            var view = new DeleteProgressView(context.Host.Out, context.Host.Err);
            var results = await service.ExecuteAsync(plan, view, ct);
            var deleted = results.Where(r => r.Outcome is DeleteOutcome.Deleted or DeleteOutcome.AlreadyDeleting).Select(r => r.Item).ToList();
            if (p.GetValue(o.Wait) && deleted.Count > 0)
            {
                await service.WaitGoneAsync(plan, deleted, p.GetValue(o.Timeout) ?? Lifecycle.DefaultWaitTimeout, view, ct);
                await context.Host.Err.WriteLineAsync($"All {deleted.Count} deleted cluster(s) are gone.");
            }

            return Outcome(plan, results);
        });
        return command;
    }

    private static async Task ShowPlanAsync(CliContext context, DeletePlan plan)
    {
        foreach (var missing in plan.MissingNames)
        {
            await context.Host.Err.WriteLineAsync($"ClusterDeployment \"{missing}\" not found in namespace \"{plan.Selection.Namespace}\"; skipped.");
        }

        if (plan.IsEmpty)
        {
            await context.Host.Err.WriteLineAsync($"No clusters match {plan.Selection.Describe()}; nothing to delete.");
            return;
        }

        await context.Host.Err.WriteLineAsync($"Plan: delete {plan.Items.Count} cluster(s) ({plan.Selection.Describe()}):");
        await context.Host.Out.WriteAsync(DeletePlanView.Render(plan, context.Host.Time.GetUtcNow(), context.UseColor));
    }

    private static async Task<bool> ConfirmAsync(CliContext context, DeletePlan plan, DeleteDecision decision)
    {
        switch (decision)
        {
            case DeleteDecision.StopAfterPlan:
                if (!plan.IsEmpty)
                {
                    await context.Host.Err.WriteLineAsync("Dry run: nothing was deleted.");
                }

                return false;
            case DeleteDecision.Refuse:
                throw ChildctlException.InvalidInput(
                    $"refusing to delete {plan.Items.Count} cluster(s) without confirmation: stdin is not a terminal; pass --yes to delete without asking");
            case DeleteDecision.Prompt:
                await context.Host.Err.WriteAsync(DeleteConfirmation.Question(plan.Items.Count));
                var answer = await context.Host.In.ReadLineAsync();
                if (!DeleteConfirmation.IsConfirmed(answer, plan.Items.Count))
                {
                    throw ChildctlException.InvalidInput("not confirmed; nothing was deleted");
                }

                return true;
            default:
                return true;
        }
    }

    private static int Outcome(DeletePlan plan, IReadOnlyList<DeleteItemResult> results)
    {
        var failed = results.Where(r => r.Failed).ToList();
        if (failed.Count == 0 && plan.MissingNames.Count == 0)
        {
            return ExitCodes.Success;
        }

        if (results.Count == 1 && plan.MissingNames.Count == 0)
        {
            var only = failed[0];
            throw only.Outcome == DeleteOutcome.Refused
                ? new ChildctlException(ErrorKind.Conflict, $"ClusterDeployment \"{only.Item.Name}\" {only.Message}")
                : new ChildctlException(only.ErrorKind ?? ErrorKind.General, $"ClusterDeployment \"{only.Item.Name}\" not deleted: {only.Message}");
        }

        return ExitCodes.PartialFailure;
    }

    private static string? CanonicalPhase(string? phase) =>
        phase is null ? null : Enum.GetNames<ClusterPhase>().FirstOrDefault(n => n.Equals(phase, StringComparison.OrdinalIgnoreCase))
            ?? throw ChildctlException.InvalidInput($"unknown --phase '{phase}': use {string.Join(", ", Enum.GetNames<ClusterPhase>())}");
}
