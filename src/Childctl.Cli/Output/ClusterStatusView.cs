using System.Globalization;
using System.Text;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// The <c>status</c> text: the live facts first (phase and reason, conditions, services, upgrades, kubeconfig,
/// Events), then, under its own heading, the tail of the local history, which is never presented as state.
/// </summary>
internal static partial class ClusterStatusView
{
    private const string Indent = "  ";
    private const string MessageIndent = "      ";

    /// <param name="color">Paint the phase, Ready and condition statuses (only for a terminal; see Invocation.UseColor).</param>
    public static string Render(ClusterStatusReport report, DateTimeOffset now, bool color = false)
    {
        var text = new StringBuilder(4096);
        AppendSummary(text, report.Overview, now, color);
        AppendConditions(text, report.Overview.Cluster, now, color);
        AppendServices(text, report.Overview.Cluster);
        AppendUpgrades(text, report.Overview.Cluster);
        AppendKubeconfig(text, report);
        AppendEvents(text, report.Events, now);
        AppendHistory(text, report.History);
        return text.ToString();
    }

    private static void AppendSummary(StringBuilder text, ClusterOverview o, DateTimeOffset now, bool color)
    {
        var phase = o.Verdict.Phase.ToString();
        var ready = o.Verdict.IsReady ? "True" : "False";
        var c = o.Cluster;
        var observed = c.ObservedGeneration?.ToString(CultureInfo.InvariantCulture) ?? "not yet";
        new Fields()
            .Add("Name", c.Name)
            .Add("Namespace", c.Namespace)
            .Add("UID", c.Uid)
            .Add("Phase", $"{Paint(phase, CellStyles.Phase(phase), color)}: {o.Verdict.Reason}")
            .Add("Ready", Paint(ready, CellStyles.Phase(phase), color))
            .Add("Provider", o.Provider ?? "<unknown> (template not found)")
            .Add("Region", o.Region)
            .Add("Template", c.Template)
            .Add("Credential", c.Credential)
            .Add("K8s/k0s version", o.KubernetesVersion)
            .Add("Workers", o.Workers?.ToString(CultureInfo.InvariantCulture))
            .Add("Dry run", Cells.Bool(c.DryRun))
            .Add("Age", DurationText.Since(c.CreationTimestamp, now))
            .Add("Deletion requested", c.DeletionTimestamp is { } d ? $"{DurationText.Since(d, now)} ago" : "no")
            .Add("Generation", $"{c.Generation.ToString(CultureInfo.InvariantCulture)} (observed by k0rdent: {observed})")
            .Add("Labels", string.Join(", ", c.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")))
            .AppendTo(text);
    }

    private static void AppendConditions(StringBuilder text, ClusterDeployment cluster, DateTimeOffset now, bool color)
    {
        text.Append("\nConditions:");
        if (cluster.Conditions.Count == 0)
        {
            text.Append(" none reported yet\n");
            return;
        }

        text.Append('\n');
        var table = new TableWriter("TYPE", "STATUS", "REASON", "AGE", "MESSAGE");
        table.StyleColumn("STATUS", row => CellStyles.ConditionStatus(row[1]));
        foreach (var c in cluster.Conditions)
        {
            table.AddRow(c.Type, c.Status, c.Reason, DurationText.Since(c.LastTransitionTime, now), IsMultiLine(c.Message) ? string.Empty : c.Message.Trim());
        }

        var lines = table.Render(color).Split('\n');
        text.Append(Indent).Append(lines[0]).Append('\n');
        for (var i = 0; i < cluster.Conditions.Count; i++)
        {
            text.Append(Indent).Append(lines[i + 1]).Append('\n');
            if (IsMultiLine(cluster.Conditions[i].Message))
            {
                AppendIndented(text, cluster.Conditions[i].Message);
            }
        }
    }

    private static bool IsMultiLine(string message) => message.Trim().Contains('\n', StringComparison.Ordinal);

    private static void AppendIndented(StringBuilder text, string message)
    {
        foreach (var line in message.Trim('\n').Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                text.Append(MessageIndent).Append(line.TrimEnd()).Append('\n');
            }
        }
    }

    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Paint(string text, CellStyle style, bool color) => color ? Ansi.Paint(text, style) : text;
}
