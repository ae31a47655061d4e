using System.Runtime.InteropServices;
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
        var found = new List<(HistoryEvent Event, EventOrigin Origin)>(local.Count + (team is IReadOnlyCollection<HistoryEvent> c ? c.Count : 0));
        var indexOf = new Dictionary<string, int>(found.Capacity, StringComparer.Ordinal);
        foreach (var e in local)
        {
            if (indexOf.TryAdd(KeyOf(stream, e), found.Count))
            {
                found.Add((e, EventOrigin.Local));
            }
        }

        foreach (var e in team)
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(indexOf, KeyOf(stream, e), out var known);
            if (!known)
            {
                index = found.Count;
                found.Add((e, EventOrigin.Team));
            }
            else if (found[index].Origin == EventOrigin.Local)
            {
                found[index] = (found[index].Event, EventOrigin.Both);
            }
        }

        var order = TimeOrder(found);
        var events = new HistoryEvent[order.Length];
        var origins = new EventOrigin[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            (events[i], origins[i]) = found[order[i]];
        }

        return new MergedEvents(events, origins);
    }

    /// <summary>
    /// The positions of <paramref name="found"/> by time, then id; events alike in both (legacy entries without an id) keep
    /// the order they were found in. Sorted on the stamps' ticks, with only runs of equal stamps compared in full.
    /// </summary>
    private static int[] TimeOrder(List<(HistoryEvent Event, EventOrigin Origin)> found)
    {
        var ticks = new long[found.Count];
        var order = new int[found.Count];
        for (var i = 0; i < order.Length; i++)
        {
            ticks[i] = found[i].Event.Timestamp.UtcTicks;
            order[i] = i;
        }

        Array.Sort(ticks, order);
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && ticks[end] == ticks[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, Comparer<int>.Create((a, b) =>
                    string.CompareOrdinal(found[a].Event.Id, found[b].Event.Id) is var byId and not 0 ? byId : a.CompareTo(b)));
            }

            start = end;
        }

        return order;
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

/// <summary>
/// A merged history: the events in time order and, for each (by position, or by reference), where it was found.
/// </summary>
public sealed class MergedEvents(IReadOnlyList<HistoryEvent> events, IReadOnlyList<EventOrigin> origins)
{
    private Dictionary<HistoryEvent, EventOrigin>? _byEvent;

    public IReadOnlyList<HistoryEvent> Events { get; } = events;

    /// <summary>Where each of <see cref="Events"/> was found, position by position.</summary>
    public IReadOnlyList<EventOrigin> Origins { get; } = origins;

    /// <summary>Where <paramref name="e"/> (this very event) was found; an event not in the merge counts as local.</summary>
    public EventOrigin OriginOf(HistoryEvent e)
    {
        if (_byEvent is null)
        {
            var byEvent = new Dictionary<HistoryEvent, EventOrigin>(Events.Count, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < Events.Count; i++)
            {
                byEvent[Events[i]] = Origins[i];
            }

            _byEvent = byEvent;
        }

        return _byEvent.TryGetValue(e, out var origin) ? origin : EventOrigin.Local;
    }
}
