using Childctl.Cli.Commands;
using Childctl.Core.Operations.Change;

namespace Childctl.Cli.Output;

/// <summary>
/// The person's side of a batch upgrade, as <see cref="DeleteView"/> is for delete: the plan on stderr with its table on
/// stdout (NAMESPACE, NAME, PHASE, TEMPLATE, TARGET; a skipped cluster's TARGET says why), the question on stderr and
/// the answer from stdin, one stdout line per upgrade, then (with --wait) the wait as <see cref="BatchWaitView"/> shows
/// it, and a summary line on stderr.
/// </summary>
internal sealed class UpgradeBatchView(Invocation inv) : BatchWaitView(inv), IUpgradeBatchInteraction
{
    public bool CanAsk => Inv.Host.StdinIsTerminal;

    public void OnPlan(UpgradePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var missing in plan.MissingNames)
        {
            Inv.Err.WriteLine($"ClusterDeployment \"{missing}\" not found in namespace \"{plan.Selection.Namespace}\"; skipped.");
        }

        if (plan.Items.Count == 0)
        {
            Inv.Err.WriteLine($"No clusters match {plan.Selection.Describe()}; nothing to upgrade.");
            return;
        }

        Inv.Err.WriteLine($"Plan: upgrade {plan.ToUpgrade.Count} of {plan.Items.Count} cluster(s) ({plan.Selection.Describe()}):");
        Inv.Out.Write(Table(plan, Inv.UseColor));
    }

    public async Task<string?> AskAsync(string question, CancellationToken cancellationToken)
    {
        await Inv.Err.WriteAsync(question);
        return await Inv.Host.In.ReadLineAsync(cancellationToken);
    }

    public void OnStoppedAfterPlan(UpgradePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Items.Count > 0)
        {
            Inv.Err.WriteLine(plan.ToUpgrade.Count == 0 ? "Nothing to upgrade." : "Dry run: nothing was upgraded.");
        }
    }

    public void OnResult(UpgradeItemResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var item = result.Item;
        var target = $"{ObjectName.Of(item.Name)} ({item.Namespace})";
        Inv.Out.WriteLine(result.Failed ? $"{target} not upgraded: {result.Failure}" : $"{target} upgraded ({item.From} → {item.To})");
    }

    public void OnUpgradeSummary(UpgradeBatchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var failed = summary.Results.Count(r => r.Failed);
        var parts = new List<string> { $"Upgraded {summary.Results.Count - failed} of {summary.Plan.ToUpgrade.Count} cluster(s)" };
        AddCount(parts, failed, "failed");
        AddCount(parts, summary.Plan.Skipped.Count, "skipped");
        AddCount(parts, summary.Plan.MissingNames.Count, "not found");
        Inv.Err.WriteLine(string.Join(", ", parts) + ".");
    }

    private static void AddCount(List<string> parts, int count, string what)
    {
        if (count > 0)
        {
            parts.Add($"{count} {what}");
        }
    }

    internal static string Table(UpgradePlan plan, bool color = false)
    {
        var table = new TableWriter("NAMESPACE", "NAME", "PHASE", "TEMPLATE", "TARGET");
        var phase = table.ColumnOf("PHASE");
        table.StyleColumn("PHASE", row => CellStyles.Phase(row[phase]));
        foreach (var item in plan.Items)
        {
            table.AddRow(item.Namespace, item.Name, item.Phase, item.From, item.To ?? $"(skip: {item.Skipped})");
        }

        return table.Render(color);
    }
}
