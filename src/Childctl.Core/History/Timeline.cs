using Childctl.Core.Text;
using Childctl.History.Codec;
using Childctl.History.Query;
using Childctl.History.Store;
using Childctl.History.Team;

namespace Childctl.Core.History;

/// <summary>One cluster name's local history, filtered, oldest first, with its incarnations (one per uid).</summary>
public sealed class ClusterTimeline
{
    private readonly ClusterHistory _history;

    /// <param name="merged">The merge with the team store this history came from, which says where each event was found.</param>
    internal ClusterTimeline(ClusterHistory history, MergedEvents? merged = null)
    {
        _history = history;
        var only = OnlyIncarnation(history);
        // A merge's events are the history's own list (the usual case), so each one's origin is found by position.
        var positional = merged is not null && ReferenceEquals(merged.Events, history.Events);
        var events = new List<TimelineEvent>(history.Events.Count);
        for (var i = 0; i < history.Events.Count; i++)
        {
            var e = history.Events[i];
            events.Add(new TimelineEvent(e, only is { } o && IsWithin(e, o) ? o.Uid : null, positional ? merged!.Origins[i] : merged?.OriginOf(e)));
        }

        Events = events;
        Incarnations = history.Incarnations.Select(i => new TimelineIncarnation(i)).ToList();
    }

    public string ManagementCluster => _history.Stream.ManagementCluster;

    public string Namespace => _history.Stream.Namespace;

    public string Name => _history.Stream.Name;

    /// <summary>The history file.</summary>
    public string Path => _history.Path;

    /// <summary>The legacy logs' own header dates, shown as they are.</summary>
    public string? CreatedAt => _history.Header.CreatedAt;

    public string? LastUpdated => _history.Header.LastUpdated;

    public IReadOnlyList<TimelineEvent> Events { get; }

    public IReadOnlyList<TimelineIncarnation> Incarnations { get; }

    /// <summary>An incomplete entry an interrupted write had left at the end of the file, moved aside on this read.</summary>
    public RepairedTail? RepairedTail => _history.TornTail is { } t ? new RepairedTail(t.LogPath, t.SidePath, t.Length) : null;

    private static Incarnation? OnlyIncarnation(ClusterHistory history)
    {
        var known = history.Incarnations.Where(i => i.Uid is not null).ToList();
        return known.Count == 1 ? known[0] : null;
    }

    private static bool IsWithin(HistoryEvent e, Incarnation incarnation)
    {
        if (e.Uid is not null || e.Action != EventActions.NoteAdded || e.Timestamp < incarnation.FirstSeen)
        {
            return false;
        }

        var end = incarnation.Milestones.FirstOrDefault(m => m.Name is Childctl.History.Query.Milestones.Gone or Childctl.History.Query.Milestones.DeleteRequested);
        return end is null || e.Timestamp <= end.At;
    }

    /// <summary>The history as its file reads: the header, then every (filtered) event.</summary>
    public string ToYaml()
    {
        var header = _history.Header with { ClusterName = _history.Header.ClusterName ?? Name, Namespace = _history.Header.Namespace ?? Namespace };
        return EventBlockWriter.Header(header) + string.Concat(Events.Select(e => e.ToYaml()));
    }
}

/// <summary>One life of a cluster name: the events with one uid (a null uid groups those recorded without one).</summary>
public sealed class TimelineIncarnation
{
    internal TimelineIncarnation(Incarnation incarnation)
    {
        Uid = incarnation.Uid;
        FirstSeen = incarnation.FirstSeen;
        LastSeen = incarnation.LastSeen;
        EventCount = incarnation.Events;
        LastAction = incarnation.LastAction;
        Milestones = incarnation.Milestones.Select(m => new TimelineMilestone(m.Name, m.At, m.Action, m.Source) { AtLatest = m.AtLatest }).ToList();
        Durations = incarnation.Durations
            .Select(d => new TimelineSpan(d.From, d.To, d.Duration, d is { From: Childctl.History.Query.Milestones.Created, To: Childctl.History.Query.Milestones.Gone })
            {
                AtMost = d.AtMost,
            })
            .ToList();
    }

    public string? Uid { get; }

    public DateTimeOffset FirstSeen { get; }

    public DateTimeOffset LastSeen { get; }

    public int EventCount { get; }

    public string? LastAction { get; }

    /// <summary>Created, ready, failed, delete requested, gone: when, and from which event.</summary>
    public IReadOnlyList<TimelineMilestone> Milestones { get; }

    /// <summary>The spans between milestones (created → ready, delete requested → gone, ...).</summary>
    public IReadOnlyList<TimelineSpan> Durations { get; }
}

/// <summary>
/// A moment in one incarnation's life; <see cref="Source"/> says whether childctl did it or observed it;
/// <see cref="AtLatest"/> that only a bound is known (it was first seen then and may have happened earlier).
/// </summary>
public sealed record TimelineMilestone(string Name, DateTimeOffset At, string Action, string? Source)
{
    public bool IsObserved => Source == EventSources.Observed;

    public bool AtLatest { get; init; }
}

/// <summary>
/// The time between two milestones; <see cref="IsLifetime"/> for created → gone. A null <see cref="Duration"/> is
/// unknown (shown as such, never as a number), with <see cref="AtMost"/> its upper bound when one is known.
/// </summary>
public sealed record TimelineSpan(string From, string To, TimeSpan? Duration, bool IsLifetime)
{
    public TimeSpan? AtMost { get; init; }

    /// <summary>"4m12s", "unknown (at most 19s)" or "unknown".</summary>
    public string Text => Duration is { } d ? DurationText.Format(d) : AtMost is { } max ? $"unknown (at most {DurationText.Format(max)})" : "unknown";
}

/// <summary>
/// A write cut short by a crash, found at the end of a history file: copied to <see cref="SidePath"/> and cut, or, when
/// it was only read (<see cref="SidePath"/> null), left for the next append to move aside.
/// </summary>
public sealed record RepairedTail(string LogPath, string? SidePath, long Length);
