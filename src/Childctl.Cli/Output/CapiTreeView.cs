using Childctl.Core.Operations.Listing;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// <c>status NAME --tree</c> as <c>clusterctl describe cluster</c> draws it: each object as <c>Kind/name</c> under its owner,
/// with the status, reason and age of its Ready condition (Available, or MachinesReady, for the kinds that have no Ready in
/// v1beta2) and the condition's message on one line, cut with … to the terminal's width (never when piped).
/// </summary>
internal static class CapiTreeView
{
    public static string Render(CapiTree tree, DateTimeOffset now, TableLayout layout)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var table = new TableWriter("NAME", "READY", "REASON", "SINCE", "MESSAGE");
        table.StyleColumn("READY", row => CellStyles.ConditionStatus(row[1]));
        foreach (var root in tree.Roots)
        {
            Add(table, root, string.Empty, string.Empty, now);
        }

        return table.Render(layout);
    }

    /// <summary>What stderr says beside the tree: nothing to show yet, or kinds the Cluster names that could not be read.</summary>
    public static IEnumerable<string> Notes(CapiTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (!tree.Roots.Any())
        {
            yield return $"No CAPI objects for ClusterDeployment {tree.Namespace}/{tree.Name} yet: Cluster API has not created its Cluster.";
        }

        foreach (var kind in tree.Unread)
        {
            yield return $"note: {kind} is not shown: childctl does not know which version of its kind to read.";
        }
    }

    private static void Add(TableWriter table, CapiNode node, string lead, string indent, DateTimeOffset now)
    {
        var o = node.Object;
        var c = o.Condition;
        table.AddRow(lead + o.Kind + "/" + o.Name, c?.Status ?? "-", c?.Reason ?? string.Empty, c is null ? string.Empty : DurationText.Since(c.Since, now), c?.Message.Trim() ?? string.Empty);
        for (var i = 0; i < node.Children.Count; i++)
        {
            var last = i == node.Children.Count - 1;
            Add(table, node.Children[i], indent + (last ? "└─" : "├─"), indent + (last ? "  " : "│ "), now);
        }
    }
}
