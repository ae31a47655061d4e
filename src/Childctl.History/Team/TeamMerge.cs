using Childctl.History.Events;
using Childctl.History.Store;

namespace Childctl.History.Team;

/// <summary>Where an event of a merged history was found: in both stores, only in this machine's files, or only in the team store.</summary>
public enum EventOrigin
{
    Both,
    Local,
    Team,
}

/// <summary>
/// One cluster's local and team events as one history: deduplicated by event id (a key derived from the content for
/// legacy entries without one), in time order, each with where it was found. Pure; incarnations and filters come after.
/// </summary>
public static class TeamMerge
{
    public static MergedEvents Merge(HistoryStreamId stream, IReadOnlyList<HistoryEvent> local, IEnumerable<HistoryEvent> team)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(team);
        var byKey = new Dictionary<string, (HistoryEvent Event, EventOrigin Origin)>(local.Count, StringComparer.Ordinal);
        foreach (var e in local)
        {
            byKey.TryAdd(KeyOf(stream, e), (e, EventOrigin.Local));
        }

        foreach (var e in team)
        {
            var key = KeyOf(stream, e);
            if (byKey.TryGetValue(key, out var known))
            {
                if (known.Origin == EventOrigin.Local)
                {
                    byKey[key] = (known.Event, EventOrigin.Both);
                }
            }
            else
            {
                byKey[key] = (e, EventOrigin.Team);
            }
        }

        // By time, then id; events alike in both (legacy entries without an id) keep the order they were found in.
        var ordered = byKey.Values.Select((v, i) => (v.Event, v.Origin, Found: i)).ToList();
        ordered.Sort(static (a, b) => a.Event.Timestamp != b.Event.Timestamp ? a.Event.Timestamp.CompareTo(b.Event.Timestamp)
            : string.CompareOrdinal(a.Event.Id, b.Event.Id) is var byId and not 0 ? byId
            : a.Found.CompareTo(b.Found));
        var origins = new Dictionary<HistoryEvent, EventOrigin>(ordered.Count, ReferenceEqualityComparer.Instance);
        foreach (var (e, origin, _) in ordered)
        {
            origins[e] = origin;
        }

        return new MergedEvents(ordered.Select(v => v.Event).ToList(), origins);
    }

    /// <summary>
    /// The key an event has in the team store: its id, or for a legacy entry without one a deterministic id from what it
    /// says, so <c>history push --all</c> of the same file twice sends it once.
    /// </summary>
    public static string KeyOf(HistoryStreamId stream, HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(e);
        return e.Id ?? EventIds.Deterministic(e.Timestamp, $"{stream.Namespace}/{stream.Name}|{e.Timestamp:O}|{e.Action}|{e.User}|{e.Message}|{e.Reason}");
    }
}

/// <summary>A merged history: the events in time order and, for each (by reference), where it was found.</summary>
public sealed record MergedEvents(IReadOnlyList<HistoryEvent> Events, IReadOnlyDictionary<HistoryEvent, EventOrigin> Origins)
{
    public EventOrigin OriginOf(HistoryEvent e) => Origins.TryGetValue(e, out var origin) ? origin : EventOrigin.Local;
}
