using System.Text;
using Childctl.Core.Operations;

namespace Childctl.Cli.Output.History;

/// <summary>Live Events under <c>-o yaml</c>: YAML comments after the history, so the document stays the file's own structure.</summary>
internal static class LiveEventsYaml
{
    public static string Comments(LiveClusterEvents? live)
    {
        if (live is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder($"# {LiveEventsJson.NotStored} (uid {live.Uid ?? "unknown"}):\n");
        foreach (var e in live.Events)
        {
            var at = e.LastSeen is { } t ? HistoryJsonMapper.Time(t) : "-";
            text.Append($"#   {at} {e.Type} {e.Reason}: {e.Message.ReplaceLineEndings(" ")}{(e.Count > 1 ? $" (x{e.Count})" : string.Empty)}\n");
        }

        return live.Events.Count == 0 ? text.Append("#   (none)\n").ToString() : text.ToString();
    }
}
