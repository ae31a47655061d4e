using Childctl.Core.Text;
using System.Globalization;
using Childctl.Core.Operations;
using Childctl.History.Events;
using Childctl.History.Query;

namespace Childctl.Cli.Output.History;

/// <summary>Maps history records to their JSON shapes.</summary>
internal static class HistoryJsonMapper
{
    public const string NotLiveState = "local history recorded by childctl and the legacy tools; not live state (k0rdent owns state)";

    public static HistoryListJson List(IEnumerable<ClusterHistory> clusters, LiveClusterEvents? live = null) =>
        new("HistoryList", NotLiveState, clusters.Select(c => Cluster(c) with { LiveEvents = LiveEventsJson.From(live) }).ToList());

    public static ClusterHistoryJson Cluster(ClusterHistory c) => new(
        c.Stream.ManagementCluster,
        c.Stream.Namespace,
        c.Stream.Name,
        c.Path,
        c.Header.CreatedAt,
        c.Header.LastUpdated,
        Shown(c).Select(Incarnation).ToList(),
        c.Events.Select(Event).ToList());

    /// <summary>The incarnations the (filtered) events belong to, as the table shows them: --uid selects one.</summary>
    private static IEnumerable<Incarnation> Shown(ClusterHistory c)
    {
        var uids = c.Events.Select(e => e.Uid).ToHashSet();
        return c.Incarnations.Where(i => uids.Contains(i.Uid));
    }

    public static IncarnationJson Incarnation(Incarnation i) => new(i.Uid, Time(i.FirstSeen), Time(i.LastSeen), i.Events, i.LastAction)
    {
        Milestones = i.Milestones.Select(m => new MilestoneJson(m.Name, Time(m.At), m.Action, m.Source)).ToList(),
        Durations = i.Durations.Select(d => new DurationJson(d.From, d.To, (long)d.Duration.TotalSeconds, DurationText.Format(d.Duration))).ToList(),
    };

    public static EventJson Event(HistoryEvent e) => new(
        Time(e.Timestamp),
        e.Id,
        e.Action,
        e.User,
        e.K8sUser,
        e.Uid,
        e.ManagementCluster is { } mc ? new ManagementClusterJson(mc.Name, mc.Server) : null,
        e.Operation,
        e.Parameters,
        e.Command,
        e.Reason,
        e.Message,
        e.Result,
        e.Error,
        e.Flags,
        e.Source);

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
