using System.Text;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Text;

namespace Childctl.Cli.Output.History;

/// <summary>
/// One cluster's history as a table per incarnation (uid), oldest first: a heading with the uid, its milestones
/// (created, ready, delete requested, gone) and the durations between them, then its events. Events without a uid get
/// their own section. Live Kubernetes Events (<c>--with-events</c>) join the section of their incarnation, marked as
/// live and not stored.
/// </summary>
internal static class IncarnationView
{
    public const string LiveMarker = "[live event, not stored]";

    public static string Render(ClusterTimeline cluster, bool wide, LiveClusterEvents? live, bool color = false) => Build(cluster, wide, live, color).ToString();

    /// <summary>The view as built, for writing out without first making one string of a history of thousands of events.</summary>
    public static StringBuilder Build(ClusterTimeline cluster, bool wide, LiveClusterEvents? live, bool color = false)
    {
        var sections = Sections(cluster, live, wide);
        var total = sections.Count(s => s.Uid is not null);
        var index = 0;
        var text = new StringBuilder(cluster.Events.Count * 96);
        foreach (var section in sections)
        {
            text.Append(text.Length > 0 ? "\n" : string.Empty);
            if (section.Uid is null)
            {
                text.Append("Without a uid (legacy entries, notes taken offline, failed creates)\n");
            }
            else
            {
                ++index;
                var now = live is { ObjectExists: true } && live.Uid == section.Uid ? " (live now)"
                    : section.Incarnation is null ? " (live now; not in local history)"
                    : index < total || live is { ObjectExists: true } ? " (earlier incarnation, not the cluster under this name now)"
                    : string.Empty;
                text.Append($"Incarnation {index} of {total}: uid {section.Uid}{now}\n");
                AppendMilestones(text, section.Incarnation);
            }

            Table(section.Rows, wide).RenderTo(text, new TableLayout(color));
        }

        return text;
    }

    private static List<Section> Sections(ClusterTimeline cluster, LiveClusterEvents? live, bool wide)
    {
        var sections = cluster.Incarnations
            .Select(i => new Section(i.Uid, i, cluster.Events.Where(e => e.IncarnationUid == i.Uid).Select(e => Row.Of(e, wide)).ToList()))
            .Where(s => s.Rows.Count > 0)
            .ToList();
        if (live is { Uid: { } uid, Events.Count: > 0 })
        {
            var section = sections.FirstOrDefault(s => s.Uid == uid);
            if (section is null)
            {
                section = new Section(uid, cluster.Incarnations.FirstOrDefault(i => i.Uid == uid), []);
                sections.Add(section);
            }

            var merged = section.Rows.Concat(live.Events.Select(e => Row.Of(e, wide))).OrderBy(r => r.Time ?? DateTimeOffset.MaxValue).ToList();
            section.Rows.Clear();
            section.Rows.AddRange(merged);
        }

        return sections;
    }

    private static void AppendMilestones(StringBuilder text, TimelineIncarnation? incarnation)
    {
        if (incarnation is null || incarnation.Milestones.Count == 0)
        {
            return;
        }

        var moments = incarnation.Milestones.Select(m => $"{m.Name} {(m.AtLatest ? "by " : string.Empty)}{Time(m.At)}{(m.IsObserved ? " [observed]" : string.Empty)}");
        text.Append("  milestones: ").AppendJoin(", ", moments).Append('\n');
        if (incarnation.Durations.Count > 0)
        {
            var spans = incarnation.Durations.Select(d => $"{SpanName(d)} {d.Text}");
            text.Append("  durations:  ").AppendJoin(", ", spans).Append('\n');
        }
    }

    private static string SpanName(TimelineSpan span) => span.IsLifetime ? "lifetime" : $"{span.From} → {span.To}";

    private static TableWriter Table(List<Row> rows, bool wide)
    {
        var headers = new List<string> { "TIME", "ACTION", "USER", "RESULT" };
        headers.AddRange(wide ? ["K8S USER", "SOURCE", "OPERATION", "COMMAND"] : []);
        headers.Add("DETAILS");
        var table = new TableWriter([.. headers]);
        table.StyleColumn("RESULT", cells => CellStyles.Result(cells[3]));
        foreach (var row in rows)
        {
            var cells = new string?[headers.Count];
            cells[0] = row.Time is { } t ? Time(t) : "-";
            cells[1] = row.Action;
            cells[2] = row.User;
            cells[3] = row.Result;
            row.Wide?.CopyTo(cells, 4);
            cells[^1] = row.Details;
            table.AddRow(cells);
        }

        return table;
    }

    private static string Time(DateTimeOffset t) => HistoryRenderer.Second(t);

    private sealed record Section(string? Uid, TimelineIncarnation? Incarnation, List<Row> Rows);

    /// <param name="Wide">The <c>-o wide</c> cells (K8S USER, SOURCE, OPERATION, COMMAND); null in the narrow table.</param>
    private sealed record Row(DateTimeOffset? Time, string Action, string User, string Result, string?[]? Wide, string Details)
    {
        public static Row Of(TimelineEvent e, bool wide) => new(e.Timestamp, e.Action, e.User ?? "unknown", e.Result ?? "-",
            wide ? [e.K8sUser ?? "-", e.Source ?? "-", e.Operation ?? "-", e.Command ?? "-"] : null,
            e.JoinedByTime ? $"[offline note, no uid: joins the only incarnation by time] {e.Details}" : e.Details);

        public static Row Of(ClusterEvent e, bool wide) => new(e.LastSeen, $"event/{e.Reason}", e.Source.Length > 0 ? e.Source : "-", e.Type,
            wide ? ["-", "kubernetes", "-", "-"] : null, $"{LiveMarker} {e.Message}{(e.Count > 1 ? $" (x{e.Count})" : string.Empty)}");
    }
}
