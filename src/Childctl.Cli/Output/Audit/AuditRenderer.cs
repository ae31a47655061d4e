using System.Globalization;
using System.Text;
using System.Text.Json;
using Childctl.Core.Operations.Audit;

namespace Childctl.Cli.Output.Audit;

/// <summary>
/// Renders an audit report in every format: a table (one row per cluster, -A adds NAMESPACE, wide adds the
/// generations, resourceVersion and history file), json and yaml (the same document), and name (the clusters not in
/// step, as namespace/name, for scripts). The summary goes to stderr.
/// </summary>
internal static class AuditRenderer
{
    /// <param name="color">Colour the CLASS of clusters not in step (a terminal only; see Invocation.UseColor).</param>
    public static string Render(AuditReport report, OutputFormat format, bool color = false) => format switch
    {
        OutputFormat.Json => Json(report) + "\n",
        OutputFormat.Yaml => Yaml(report),
        OutputFormat.Name => string.Concat(report.Findings.Where(f => !f.IsInStep).Select(f => $"{f.Namespace}/{f.Name}\n")),
        _ => Table(report, format == OutputFormat.Wide, color),
    };

    /// <summary>The stderr lines: what was compared and the count per class, a warning when history came from another API server, then what --record did or would do.</summary>
    public static IEnumerable<string> Narration(AuditReport report)
    {
        var scope = report.Namespace is null ? "all namespaces" : $"namespace {report.Namespace}";
        var counts = Enum.GetValues<AuditClass>()
            .Select(k => (Kind: k, Count: report.Count(k)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {AuditClassNames.Text(x.Kind)}");
        yield return $"Audit of management cluster {report.ManagementCluster}, {scope}: {Plural(report.Findings.Count, "cluster")} ({string.Join(", ", counts.DefaultIfEmpty("none"))}); live API compared with local history";
        if (report.FailedAttemptsOnly.Count > 0)
        {
            yield return $"Left out {Plural(report.FailedAttemptsOnly.Count, "name")} whose history holds only failed attempts, never a cluster: {string.Join(", ", report.FailedAttemptsOnly.Take(5))}{(report.FailedAttemptsOnly.Count > 5 ? ", ..." : string.Empty)}";
        }

        if (report.ServerChange is { } change)
        {
            yield return report.Recorded is null ? ServerWarning(change) : $"note: {change.Describe()}; recorded as accepted with --accept-server-change.";
        }

        if (report.Recorded is { } recorded)
        {
            yield return recorded == 0 ? "Nothing new to record: history already holds every finding." : $"Recorded {Plural(recorded, "observed event")} in local history.";
        }
        else if (!report.InStep && report.ServerChange is null)
        {
            yield return "Run 'childctl audit --record' to append these findings to local history.";
        }
    }

    /// <summary>One line: both servers, why it matters (a restarted sandbox is a new, empty world on a new port) and what to do.</summary>
    private static string ServerWarning(ServerChange change) =>
        $"warning: {change.Describe()}: those findings may be about another management cluster of the same name, such as "
        + "an earlier run of a restarted sandbox (each 'sandbox up' is a new, empty world on a new port). Keep them apart with "
        + "a distinct kubeconfig cluster name or --history-dir; if this is the same management cluster at a new address, "
        + "'childctl audit --record --accept-server-change' records them.";

    private static string Json(AuditReport report) =>
        JsonSerializer.Serialize(AuditJsonMapper.Report(report), AuditJsonContext.Default.AuditReportJson);

    private static string Yaml(AuditReport report)
    {
        using var doc = JsonDocument.Parse(Json(report));
        var text = new StringBuilder();
        new YamlWriter(text).WriteObject(doc.RootElement);
        return text.ToString();
    }

    private static string Table(AuditReport report, bool wide, bool color)
    {
        var all = report.Namespace is null;
        var headers = new List<string>();
        headers.AddRange(all ? ["NAMESPACE"] : []);
        headers.AddRange(["NAME", "CLASS", "UID", "BY", "AT"]);
        headers.AddRange(wide ? ["GENERATION", "RECORDED", "RESOURCE VERSION", "PREVIOUS UID", "HISTORY FILE"] : []);
        headers.Add("DETAILS");
        var table = new TableWriter([.. headers]);
        var kind = table.ColumnOf("CLASS");
        table.StyleColumn("CLASS", row => ClassStyle(row[kind]));
        foreach (var f in report.Findings)
        {
            var cells = new List<string?>();
            cells.AddRange(all ? [f.Namespace] : []);
            cells.AddRange([f.Name, AuditClassNames.Text(f.Class), Cells.ShortUid(f.Uid), f.By?.Manager ?? "-", f.At is { } at ? AuditJsonMapper.Second(at) : "-"]);
            cells.AddRange(wide ? [Number(f.Generation), Number(f.RecordedGeneration), f.ResourceVersion ?? "-", f.PreviousUid ?? "-", f.HistoryFile ?? "-"] : []);
            cells.Add(f.Detail);
            table.AddRow([.. cells]);
        }

        return table.Render(color);
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Number(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>An audit CLASS: in step is plain; a change made elsewhere is yellow; a cluster gone or replaced elsewhere is red.</summary>
    private static CellStyle ClassStyle(string cell) =>
        cell == AuditClassNames.Text(AuditClass.InStep) ? CellStyle.Plain
        : cell == AuditClassNames.Text(AuditClass.DeletedElsewhere) || cell == AuditClassNames.Text(AuditClass.Recreated) ? CellStyle.Bad
        : CellStyle.Warning;
}
