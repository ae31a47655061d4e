using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// The <c>events</c> table, as <c>kubectl get events</c> reads: NAMESPACE (with -A), LAST SEEN (with the count when
/// seen more than once), TYPE, REASON, OBJECT, FROM, MESSAGE; Warning rows in the warning colour. With <c>-w</c>, each
/// Event that follows is one row of the same columns without the header.
/// </summary>
internal static class EventsView
{
    public static string Render(IReadOnlyList<ClusterEvent> events, EventScope scope, DateTimeOffset now, bool color, bool header = true)
    {
        var showNamespace = scope.Namespace is null;
        var table = new TableWriter(showNamespace ? ["NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "FROM", "MESSAGE"] : ["LAST SEEN", "TYPE", "REASON", "OBJECT", "FROM", "MESSAGE"]);
        var type = table.ColumnOf("TYPE");
        table.StyleColumn("TYPE", row => row[type] == "Warning" ? CellStyle.Warning : CellStyle.Plain);
        foreach (var e in events)
        {
            var age = DurationText.Since(e.LastSeen, now);
            string?[] cells = [e.Count > 1 ? $"{age} (x{e.Count})" : age, e.Type, e.Reason, $"clusterdeployment/{e.InvolvedName}", e.Source, e.Message];
            table.AddRow(showNamespace ? [e.Namespace, .. cells] : cells);
        }

        var text = table.Render(color);
        return header ? text : text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>What is shown, on stderr: whose Events, and for a cluster that is gone, that they outlive it.</summary>
    public static string Narration(EventScope scope, bool follow)
    {
        var whose = scope.Name is null
            ? $"ClusterDeployments in {(scope.Namespace is null ? "all namespaces" : $"namespace {scope.Namespace}")}"
            : $"{scope.Namespace}/{scope.Name} (uid {scope.Uid}{(scope.ObjectExists ? string.Empty : ", no longer live; from local history")})";
        return $"Kubernetes Events of {whose}{(follow ? "; following (Ctrl-C to stop)" : string.Empty)}";
    }
}
