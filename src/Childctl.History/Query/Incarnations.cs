using Childctl.History.Events;

namespace Childctl.History.Query;

/// <summary>Groups a cluster's events by uid, in order of each uid's first event.</summary>
public static class Incarnations
{
    public static IReadOnlyList<Incarnation> Group(IEnumerable<HistoryEvent> events) =>
        events
            .OrderBy(e => e.Timestamp)
            .GroupBy(e => e.Uid, StringComparer.Ordinal)
            .Select(g => new Incarnation(g.Key, g.First().Timestamp, g.Last().Timestamp, g.Count(), g.Last().Action)
            {
                Milestones = g.Key is null ? [] : Milestones.Find(g),
            })
            .OrderBy(i => i.FirstSeen)
            .ToList();
}
