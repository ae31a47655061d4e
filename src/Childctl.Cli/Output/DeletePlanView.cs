using Childctl.Core.Operations.Delete;

namespace Childctl.Cli.Output;

/// <summary>The plan of a delete as a table: NAMESPACE, NAME, UID, PHASE, PROVIDER, REGION, AGE.</summary>
internal static class DeletePlanView
{
    public static string Render(DeletePlan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var table = new TableWriter("NAMESPACE", "NAME", "UID", "PHASE", "PROVIDER", "REGION", "AGE");
        foreach (var item in plan.Items)
        {
            table.AddRow(item.Namespace, item.Name, item.Uid, item.Phase, item.Provider ?? "<unknown>", item.Region ?? "<none>", HumanAge.Since(item.CreationTimestamp, now));
        }

        return table.Render();
    }
}
