using Childctl.Core.Operations.Delete;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// The person's side of a delete: the plan on stderr (names not found, the selection) with its table on stdout
/// (NAMESPACE, NAME, UID, PHASE, PROVIDER, REGION, AGE; PHASE coloured as in <c>list</c>), the question on stderr and the
/// answer from stdin, one stdout line per cluster with its result (the data a script checks), and on stderr the progress
/// of <c>--wait</c> as clusters go.
/// </summary>
internal sealed class DeleteView(Invocation inv) : IDeleteInteraction
{
    public bool CanAsk => inv.Host.StdinIsTerminal;

    public void OnPlan(DeletePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var missing in plan.MissingNames)
        {
            inv.Err.WriteLine($"ClusterDeployment \"{missing}\" not found in namespace \"{plan.Selection.Namespace}\"; skipped.");
        }

        if (plan.IsEmpty)
        {
            inv.Err.WriteLine($"No clusters match {plan.Selection.Describe()}; nothing to delete.");
            return;
        }

        inv.Err.WriteLine($"Plan: delete {plan.Items.Count} cluster(s) ({plan.Selection.Describe()}):");
        inv.Out.Write(Table(plan, inv.Now, inv.UseColor));
    }

    public async Task<string?> AskAsync(string question, CancellationToken cancellationToken)
    {
        await inv.Err.WriteAsync(question);
        return await inv.Host.In.ReadLineAsync(cancellationToken);
    }

    public void OnStoppedAfterPlan(DeletePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.IsEmpty)
        {
            inv.Err.WriteLine("Dry run: nothing was deleted.");
        }
    }

    public void OnResult(DeleteItemResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var target = $"{WaitView.ObjectName(result.Item.Name)} ({result.Item.Namespace})";
        inv.Out.WriteLine(result.Outcome switch
        {
            DeleteOutcome.Deleted => result.Message is { } m && m != "deletion accepted" ? $"{target} deleted ({m})" : $"{target} deleted",
            DeleteOutcome.Unknown => $"{target} outcome unknown: {result.Message}",
            DeleteOutcome.AlreadyGone => $"{target} already gone",
            DeleteOutcome.AlreadyDeleting => $"{target} {result.Message}",
            _ => $"{target} not deleted: {result.Message}",
        });
    }

    public void OnGone(DeletePlanItem item, int goneCount, int total)
    {
        ArgumentNullException.ThrowIfNull(item);
        inv.Err.WriteLine($"[{goneCount}/{total}] {item.Namespace}/{item.Name} is gone");
    }

    public void OnAllGone(int count) => inv.Err.WriteLine($"All {count} deleted cluster(s) are gone.");

    internal static string Table(DeletePlan plan, DateTimeOffset now, bool color = false)
    {
        var table = new TableWriter("NAMESPACE", "NAME", "UID", "PHASE", "PROVIDER", "REGION", "AGE");
        var phase = table.ColumnOf("PHASE");
        table.StyleColumn("PHASE", row => CellStyles.Phase(row[phase]));
        foreach (var item in plan.Items)
        {
            table.AddRow(item.Namespace, item.Name, item.Uid, item.Phase, item.Provider ?? "<unknown>", item.Region ?? "<none>", DurationText.Since(item.CreationTimestamp, now));
        }

        return table.Render(color);
    }
}
