using System.Globalization;
using System.Text;
using Childctl.Core.History;
using Childctl.Core.Operations.Listing;

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
    /// <param name="color">Colour failed results (a terminal only; see <see cref="Invocation.UseColor"/>).</param>
    public static string Render(HistoryResult result, OutputFormat format, bool oneCluster, LiveClusterEvents? live = null, bool color = false) => format switch
    {
        OutputFormat.Json => HistoryJson.List(result.Clusters, live) + "\n",
        OutputFormat.Yaml => string.Join("---\n", result.Clusters.Select(c => c.ToYaml())) + LiveComments(live),
        OutputFormat.Name => string.Concat(result.Clusters.Select(c => $"{c.Namespace}/{c.Name}\n")),
        _ => ByIncarnation(result, oneCluster, live)
            ? IncarnationView.Render(result.Clusters[0], format == OutputFormat.Wide, live, color)
            : Table(result.Clusters, format == OutputFormat.Wide, oneCluster, color),
    };

    /// <summary>Writes what <see cref="Render"/> returns; one cluster's table goes out as built, with no string of it all made first.</summary>
    public static Task WriteAsync(TextWriter output, HistoryResult result, OutputFormat format, bool oneCluster, LiveClusterEvents? live = null, bool color = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        return format is OutputFormat.Table or OutputFormat.Wide && ByIncarnation(result, oneCluster, live)
            ? output.WriteAsync(IncarnationView.Build(result.Clusters[0], format == OutputFormat.Wide, live, color))
            : output.WriteAsync(Render(result, format, oneCluster, live, color));
    }

    private static bool ByIncarnation(HistoryResult result, bool oneCluster, LiveClusterEvents? live) =>
        oneCluster && result.Clusters.Count == 1 && (result.Clusters[0].Incarnations.Any(i => i.Uid is not null) || live?.Uid is not null);

    /// <summary>The narration line that precedes every history output on stderr.</summary>
    public static string Marker(string historyDirectory) =>
        $"Local history from {historyDirectory} (a record of the past, not live state; 'childctl status NAME' shows the cluster now)";

    /// <summary>What stderr says after the marker: why the scope widened, and each incomplete entry found at the end of a file.</summary>
    public static IEnumerable<string> Narration(HistoryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Notice is not null)
        {
            yield return $"note: {result.Notice}";
        }

        if (result.TeamWarning is not null)
        {
            yield return $"warning: {result.TeamWarning}";
        }
        else if (result.TeamMerged)
        {
            yield return "Merged with the team history on the management cluster: [team] marks events recorded elsewhere, [local only] events not (yet) in the team store";
        }

        foreach (var tail in result.Clusters.Select(c => c.RepairedTail).OfType<RepairedTail>())
        {
            yield return Warning(tail);
        }

        foreach (var problem in result.Problems)
        {
            yield return $"warning: {problem}";
        }
    }

    /// <summary>An incomplete entry an interrupted write left at the end of a history file, and where it went (or will go).</summary>
    public static string Warning(RepairedTail tail) => tail.SidePath is { } side
        ? $"warning: {tail.LogPath} ended in an incomplete entry ({tail.Length} bytes, left by an interrupted write); it was moved to {side}"
        : $"warning: {tail.LogPath} ends in an incomplete entry ({tail.Length} bytes, left by an interrupted write); it is not shown, and the next change recorded for this cluster moves it to a side file";

    /// <summary>History times in tables: to the second.</summary>
    /// <summary>The time to the second, in UTC ("2026-01-05T06:45:26Z"); one string, as a history table formats one per row.</summary>
    internal static string Second(DateTimeOffset t) => string.Create(20, t.UtcDateTime, static (chars, utc) =>
    {
        utc.TryFormat(chars, out _, "s", CultureInfo.InvariantCulture);
        chars[19] = 'Z';
    });

    private static string Table(IReadOnlyList<ClusterTimeline> clusters, bool wide, bool oneCluster, bool color)
    {
        var showMc = clusters.Select(c => c.ManagementCluster).Distinct().Count() > 1;
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
            var cells = new List<string?> { Second(e.Timestamp) };
            cells.AddRange(showMc ? [c.ManagementCluster] : []);
            cells.AddRange(oneCluster ? [] : [$"{c.Namespace}/{c.Name}"]);
            cells.AddRange([e.Action, e.User ?? "unknown", Cells.ShortUid(e.Uid), e.Result ?? "-"]);
            cells.AddRange(wide ? [e.K8sUser ?? "-", e.Source ?? "-", e.Operation ?? "-", e.Command ?? "-"] : []);
            cells.Add(e.Details);
            table.AddRow([.. cells]);
        }

        return table.Render(color);
    }

    /// <summary>Live Events under <c>-o yaml</c>: YAML comments after the history, so the document stays the file's own structure.</summary>
    private static string LiveComments(LiveClusterEvents? live)
    {
        if (live is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder($"# {HistoryJson.LiveNotStored} (uid {live.Uid ?? "unknown"}):\n");
        foreach (var e in live.Events)
        {
            var at = e.LastSeen is { } t ? HistoryJson.Time(t) : "-";
            text.Append($"#   {at} {e.Type} {e.Reason}: {e.Message.ReplaceLineEndings(" ")}{(e.Count > 1 ? $" (x{e.Count})" : string.Empty)}\n");
        }

        return live.Events.Count == 0 ? text.Append("#   (none)\n").ToString() : text.ToString();
    }
}
