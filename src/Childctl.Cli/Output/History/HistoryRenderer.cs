using System.Text;
using System.Text.Json;
using Childctl.Core.Operations;
using Childctl.History.Codec;
using Childctl.History.Query;

namespace Childctl.Cli.Output.History;

/// <summary>
/// Renders <c>history</c> in every format. Table: one row per event, newest last, across all clusters shown; for a
/// single cluster with uids, a table per incarnation with its milestones and durations (<see cref="IncarnationView"/>).
/// YAML: the files' own structure, one document per cluster (live events as comments). JSON: the same with
/// incarnations, milestones, durations and live events.
/// </summary>
internal static class HistoryRenderer
{
    /// <param name="live">With <c>--with-events</c>: the live Kubernetes Events of the one cluster shown, marked and never stored.</param>
    /// <param name="color">Colour failed results (a terminal only; see CliContext.UseColor).</param>
    public static string Render(HistoryResult result, OutputFormat format, bool oneCluster, LiveClusterEvents? live = null, bool color = false) => format switch
    {
        OutputFormat.Json => JsonSerializer.Serialize(HistoryJsonMapper.List(result.Clusters, live), HistoryJsonContext.Default.HistoryListJson) + "\n",
        OutputFormat.Yaml => Yaml(result.Clusters) + LiveEventsYaml.Comments(live),
        OutputFormat.Name => string.Concat(result.Clusters.Select(c => $"{c.Stream.Namespace}/{c.Stream.Name}\n")),
        _ => oneCluster && result.Clusters.Count == 1 && (result.Clusters[0].Incarnations.Any(i => i.Uid is not null) || live?.Uid is not null)
            ? IncarnationView.Render(result.Clusters[0], format == OutputFormat.Wide, live, color)
            : Table(result.Clusters, format == OutputFormat.Wide, oneCluster, color),
    };

    private static string Yaml(IReadOnlyList<ClusterHistory> clusters)
    {
        var text = new StringBuilder();
        for (var i = 0; i < clusters.Count; i++)
        {
            var c = clusters[i];
            text.Append(i > 0 ? "---\n" : string.Empty);
            text.Append(EventBlockWriter.Header(c.Header with { ClusterName = c.Header.ClusterName ?? c.Stream.Name, Namespace = c.Header.Namespace ?? c.Stream.Namespace }));
            foreach (var e in c.Events)
            {
                text.Append(EventBlockWriter.Block(e));
            }
        }

        return text.ToString();
    }

    private static string Table(IReadOnlyList<ClusterHistory> clusters, bool wide, bool oneCluster, bool color)
    {
        var showMc = clusters.Select(c => c.Stream.ManagementCluster).Distinct().Count() > 1;
        var headers = new List<string> { "TIME" };
        headers.AddRange(showMc ? ["MANAGEMENT CLUSTER"] : []);
        headers.AddRange(oneCluster ? [] : ["CLUSTER"]);
        headers.AddRange(["ACTION", "USER", "UID", "RESULT"]);
        headers.AddRange(wide ? ["K8S USER", "SOURCE", "OPERATION", "COMMAND"] : []);
        headers.Add("DETAILS");
        var table = new TableWriter([.. headers]);
        var result = table.ColumnOf("RESULT");
        table.StyleColumn("RESULT", row => CellStyles.Result(row[result]));
        var rows = clusters.SelectMany(c => c.Events.Select(e => (Cluster: c, Event: e))).OrderBy(r => r.Event.Timestamp);
        foreach (var (c, e) in rows)
        {
            var cells = new List<string?> { HistoryJsonMapper.Time(e.Timestamp)[..19] + "Z" };
            cells.AddRange(showMc ? [c.Stream.ManagementCluster] : []);
            cells.AddRange(oneCluster ? [] : [$"{c.Stream.Namespace}/{c.Stream.Name}"]);
            cells.AddRange([e.Action, e.User ?? "unknown", HistoryDetails.ShortUid(e.Uid), e.Result ?? "-"]);
            cells.AddRange(wide ? [e.K8sUser ?? "-", e.Source ?? "-", e.Operation ?? "-", e.Command ?? "-"] : []);
            cells.Add(HistoryDetails.For(e));
            table.AddRow([.. cells]);
        }

        return table.Render(color);
    }

    /// <summary>The narration line that precedes every history output on stderr.</summary>
    public static string Marker(string historyDirectory) =>
        $"Local history from {historyDirectory} (a record of the past, not live state; 'childctl status NAME' shows the cluster now)";

    public static IEnumerable<string> Warnings(HistoryResult result) =>
        result.Clusters.Where(c => c.TornTail is not null).Select(c =>
            c.TornTail!.SidePath is { } side
                ? $"warning: {c.Path} ended in an incomplete entry ({c.TornTail.Length} bytes, left by an interrupted write); it was moved to {side}"
                : $"warning: {c.Path} ends in an incomplete entry ({c.TornTail.Length} bytes, left by an interrupted write); it is not shown, and the next change recorded for this cluster moves it to a side file");
}
