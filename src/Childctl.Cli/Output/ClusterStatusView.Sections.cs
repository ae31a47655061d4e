using System.Text;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>The sections after the conditions: services, upgrades, kubeconfig, Events and local history.</summary>
internal static partial class ClusterStatusView
{
    private static void AppendServices(StringBuilder text, ClusterDeployment cluster)
    {
        text.Append("\nServices:");
        if (cluster.Services.Count == 0)
        {
            text.Append(" none\n");
            return;
        }

        var table = new TableWriter("NAME", "NAMESPACE", "TEMPLATE", "STATE", "FAILURE");
        foreach (var s in cluster.Services)
        {
            table.AddRow(s.Name, s.Namespace, s.Template, s.State ?? "<not reported yet>", s.FailureMessage ?? string.Empty);
        }

        AppendTable(text, table);
    }

    private static void AppendUpgrades(StringBuilder text, ClusterDeployment cluster) =>
        text.Append("\nAvailable upgrades: ")
            .Append(cluster.AvailableUpgrades.Count == 0 ? "none" : string.Join(", ", cluster.AvailableUpgrades))
            .Append('\n');

    private static void AppendKubeconfig(StringBuilder text, ClusterStatusReport report)
    {
        var c = report.Overview.Cluster;
        var secret = $"Secret {c.Namespace}/{c.Name}-kubeconfig";
        text.Append("Kubeconfig: ").Append(report.Kubeconfig switch
        {
            KubeconfigAvailability.Available => $"available ({secret}; 'childctl kubeconfig {c.Name}' writes it)",
            KubeconfigAvailability.MissingValue => $"{secret} exists but has no 'value' key yet",
            _ when c.StatusRegion is { } region => $"on the regional cluster of region \"{region}\" (regional Credential), not on this management cluster",
            _ => $"not yet available ({secret} appears once the control plane has an endpoint)",
        }).Append('\n');
    }

    private static void AppendEvents(StringBuilder text, IReadOnlyList<ClusterEvent> events, DateTimeOffset now)
    {
        text.Append("\nEvents:");
        if (events.Count == 0)
        {
            text.Append(" none (the API server keeps Events for about an hour)\n");
            return;
        }

        var table = new TableWriter("TYPE", "REASON", "AGE", "FROM", "MESSAGE");
        foreach (var e in events)
        {
            var age = DurationText.Since(e.LastSeen, now);
            table.AddRow(e.Type, e.Reason, e.Count > 1 ? $"{age} (x{e.Count})" : age, e.Source, e.Message);
        }

        AppendTable(text, table);
    }

    private static void AppendHistory(StringBuilder text, HistoryExcerpt history)
    {
        text.Append("\nLocal history (recorded on this machine, not live state)");
        if (history.Problem is { } problem)
        {
            text.Append(": ").Append(problem).Append('\n');
            return;
        }

        var earlier = history.EarlierIncarnations.Count == 0
            ? string.Empty
            : $"\n{Indent}(not shown: {history.EarlierEntries} entries of {history.EarlierIncarnations.Count} earlier incarnation(s) of this name, uid {string.Join(", ", history.EarlierIncarnations)}; 'childctl history NAME' shows them)";
        if (history.Entries.Count == 0)
        {
            text.Append(": no entries for this incarnation in ").Append(history.Location).Append(earlier).Append('\n');
            return;
        }

        text.Append($" of this incarnation, last {history.Entries.Count} of {history.Total} in {history.Location}:").Append(earlier);
        var table = new TableWriter("TIME", "ACTION", "USER", "RESULT", "DETAILS");
        foreach (var e in history.Entries)
        {
            table.AddRow(Timestamp(e.Timestamp), e.Action, e.User ?? "unknown", e.Result ?? "-", e.Details); // as history shows them
        }

        AppendTable(text, table);
    }

    private static void AppendTable(StringBuilder text, TableWriter table)
    {
        text.Append('\n');
        foreach (var line in table.Render().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(Indent).Append(line).Append('\n');
        }
    }
}
