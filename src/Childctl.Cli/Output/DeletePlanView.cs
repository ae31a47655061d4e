using Childctl.Core.Operations.Delete;

namespace Childctl.Cli.Output;

/// <summary>The plan of a delete as a table: NAMESPACE, NAME, UID, PHASE, PROVIDER, REGION, AGE.</summary>
internal static class DeletePlanView
{
    public static string Render(DeletePlan plan, DateTimeOffset now, bool color = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var table = new TableWriter("NAMESPACE", "NAME", "UID", "PHASE", "PROVIDER", "REGION", "AGE");
        var phase = table.ColumnOf("PHASE");
        table.StyleColumn("PHASE", row => CellStyles.Phase(row[phase]));
        foreach (var item in plan.Items)
        {
            table.AddRow(item.Namespace, item.Name, item.Uid, item.Phase, item.Provider ?? "<unknown>", item.Region ?? "<none>", HumanAge.Since(item.CreationTimestamp, now));
        }

        return table.Render(color);
    }
}
