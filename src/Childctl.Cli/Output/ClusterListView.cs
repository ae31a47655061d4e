using System.Globalization;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// The <c>list</c> table: a projection of <see cref="ClusterListing"/>; <c>-o wide</c> adds columns before MESSAGE.
/// With colour, PHASE and READY take the phase's colour, so a False READY reads as failing only when it is.
/// </summary>
internal static class ClusterListView
{
    public static string Render(ClusterListing listing, bool wide, DateTimeOffset now, bool color = false) => Render(listing, wide, now, new TableLayout(color));

    public static string Render(ClusterListing listing, bool wide, DateTimeOffset now, TableLayout layout) =>
        Table(listing.Clusters, wide, listing.Namespace is null, now).Render(layout);

    /// <summary>The table of <paramref name="clusters"/>, its columns at least <paramref name="floor"/> wide (rows printed after an earlier table).</summary>
    public static TableWriter Table(IEnumerable<ClusterOverview> clusters, bool wide, bool showNamespace, DateTimeOffset now, IReadOnlyList<int>? floor = null)
    {
        var table = new TableWriter(Headers(wide, showNamespace)) { Floor = floor };
        var phase = table.ColumnOf("PHASE");
        table.StyleColumn("PHASE", row => CellStyles.Phase(row[phase]));
        table.StyleColumn("READY", row => CellStyles.Phase(row[phase]));
        foreach (var overview in clusters)
        {
            table.AddRow(Row(overview, wide, showNamespace, now));
        }

        return table;
    }

    private static string[] Headers(bool wide, bool showNamespace)
    {
        // kubectl puts NAMESPACE first with -A; rows are sorted by namespace, then name.
        var headers = showNamespace ? new List<string> { "NAMESPACE", "NAME" } : new List<string> { "NAME" };

        headers.AddRange(["PHASE", "READY", "PROVIDER", "REGION", "TEMPLATE", "SERVICES", "AGE"]);
        if (wide)
        {
            headers.AddRange(["CREDENTIAL", "K8S/K0S VERSION", "WORKERS", "DRYRUN", "UID", "AVAILABLE UPGRADES"]);
        }

        headers.Add("MESSAGE");
        return [.. headers];
    }

    private static string?[] Row(ClusterOverview o, bool wide, bool showNamespace, DateTimeOffset now)
    {
        var c = o.Cluster;
        var row = showNamespace ? new List<string?> { c.Namespace, c.Name } : new List<string?> { c.Name };

        row.AddRange([
            o.Verdict.Phase.ToString(), o.Verdict.IsReady ? "True" : "False", o.Provider ?? "<unknown>", Cells.OrNone(o.Region),
            Cells.OrNone(c.Template), Cells.OrNone(o.ServicesSummary), DurationText.Since(c.CreationTimestamp, now),
        ]);
        if (wide)
        {
            row.AddRange([
                Cells.OrNone(c.Credential), Cells.OrNone(o.KubernetesVersion),
                o.Workers?.ToString(CultureInfo.InvariantCulture) ?? Cells.None, Cells.Bool(c.DryRun), c.Uid, Cells.Join(c.AvailableUpgrades),
            ]);
        }

        row.Add(o.Verdict.Reason);
        return [.. row];
    }
}
