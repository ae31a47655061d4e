using System.Globalization;
using Childctl.History.Store;

namespace Childctl.History.Query;

/// <summary>
/// Groups a cluster's events by uid, in order of each uid's first event. An event without a uid belongs to the uid of
/// another event of its operation when there is one: a create's intent is written before the object (and its uid) exists.
/// </summary>
public static class Incarnations
{
    public static IReadOnlyList<Incarnation> Group(IEnumerable<HistoryEvent> events)
    {
        var list = events as IReadOnlyList<HistoryEvent> ?? events.ToList();
        var uidOfOperation = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in list)
        {
            if (e is { Operation: { } op, Uid: { } uid })
            {
                uidOfOperation.TryAdd(op, uid);
            }
        }

        string? UidOf(HistoryEvent e) => e.Uid ?? (e.Operation is { } op && uidOfOperation.TryGetValue(op, out var uid) ? uid : null);

        // One pass in time order: groups come out in the order of their first event, which is the order of FirstSeen.
        var groups = new List<(string? Uid, List<HistoryEvent> Events)>();
        var byUid = new Dictionary<string, List<HistoryEvent>>(StringComparer.Ordinal);
        List<HistoryEvent>? withoutUid = null;
        foreach (var e in InTimeOrder(list))
        {
            var uid = UidOf(e);
            var group = uid is null ? withoutUid : byUid.GetValueOrDefault(uid);
            if (group is null)
            {
                group = [];
                groups.Add((uid, group));
                if (uid is null)
                {
                    withoutUid = group;
                }
                else
                {
                    byUid[uid] = group;
                }
            }

            group.Add(e);
        }

        return groups.ConvertAll(g => new Incarnation(g.Uid, g.Events[0].Timestamp, g.Events[^1].Timestamp, g.Events.Count, g.Events[^1].Action)
        {
            Milestones = g.Uid is null ? [] : Milestones.Find(g.Events),
        });
    }

    /// <summary>The events oldest first, keeping the order of equal stamps; as they are when they already are (the usual case).</summary>
    internal static IEnumerable<HistoryEvent> InTimeOrder(IEnumerable<HistoryEvent> events)
    {
        if (events is IReadOnlyList<HistoryEvent> list)
        {
            var ordered = true;
            for (var i = 1; i < list.Count && ordered; i++)
            {
                ordered = list[i - 1].Timestamp <= list[i].Timestamp;
            }

            if (ordered)
            {
                return list;
            }
        }

        return events.OrderBy(e => e.Timestamp);
    }
}

/// <summary>
/// One life of a cluster name: the events that carry the same ClusterDeployment uid. Events without a uid
/// (legacy, notes taken offline) form their own group with a null <see cref="Uid"/>.
/// </summary>
public sealed record Incarnation(string? Uid, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int Events, string? LastAction)
{
    /// <summary>Created, ready, delete requested, gone...: see <see cref="Query.Milestones"/>. Empty for the group without a uid.</summary>
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];

    /// <summary>The spans between milestones (created → ready, delete requested → gone, ...).</summary>
    public IReadOnlyList<MilestoneSpan> Durations => Query.Milestones.Durations(Milestones);
}

/// <summary>
/// Finds the milestones of one incarnation in its events (the first of each kind), in time order, and the spans between
/// them: to ready, to failed, delete requested → gone, and the lifetime created → gone. A milestone is dated by the
/// moment its event carries as the API reported it (<c>created_at</c>, <c>ready_at</c>, <c>failed_at</c>,
/// <c>deletion_requested_at</c>) rather than by when it was recorded; where only a bound is known (<c>failed_by</c>,
/// <c>gone_at_latest</c>: childctl first saw it failed or gone then, and it may have happened earlier) the milestone is
/// <see cref="Milestone.AtLatest"/>, and a span ending there has no duration, only an upper bound. A span to ready starts
/// where the generation that became ready started (<c>ready_from</c>: the creation for generation 1, else the change);
/// when the observer could not know that start, its duration is unknown. Unknown is never shown as a number.
/// </summary>
public static class Milestones
{
    public const string Created = "created";
    public const string Changed = "spec changed";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string DeleteRequested = "delete requested";
    public const string Gone = "gone";

    /// <summary>
    /// The parameter of an <c>observed_deleted</c> that says the latest the incarnation can have gone (the exact time
    /// being unknown): an audit that finds the name taken by a new object records that object's creation; a wait or a
    /// status that finds the object already gone records when it looked. It dates the gone milestone as a bound.
    /// </summary>
    public const string GoneAtLatestKey = "gone_at_latest";

    /// <summary>The parameter of an <c>observed_failed</c> first seen already failed: the failure happened at this time at the latest.</summary>
    public const string FailedByKey = "failed_by";

    /// <summary>The parameter of an <c>observed_ready</c> that says when the generation that became ready started.</summary>
    public const string ReadyFromKey = "ready_from";

    private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<Milestone> Find(IEnumerable<HistoryEvent> incarnation)
    {
        ArgumentNullException.ThrowIfNull(incarnation);
        var found = new Dictionary<string, Milestone>(StringComparer.Ordinal);
        foreach (var e in Incarnations.InTimeOrder(incarnation))
        {
            if (e.Result == "failed")
            {
                continue;
            }

            switch (e.Action)
            {
                case "cluster_created" or "observed_created_elsewhere" or "observed_recreated":
                    Add(found, Created, e, "created_at");
                    break;
                case "observed_ready":
                    Add(found, Ready, e, "ready_at");
                    break;
                case "observed_failed":
                    Add(found, Failed, e, "failed_at", boundParameter: FailedByKey);
                    break;
                case "cluster_deleted" or "observed_deletion_requested":
                    Add(found, DeleteRequested, e, "deletion_requested_at");
                    break;
                case "observed_deleted":
                    Add(found, DeleteRequested, e, "deletion_requested_at", onlyFromParameter: true);
                    Add(found, Gone, e, null, boundParameter: GoneAtLatestKey);
                    break;
            }
        }

        return found.Values.OrderBy(m => m.At).ThenBy(m => Rank(m.Name)).ToList();
    }

    public static IReadOnlyList<MilestoneSpan> Durations(IReadOnlyList<Milestone> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        var spans = new List<MilestoneSpan>();
        var created = milestones.FirstOrDefault(m => m.Name == Created);
        if (milestones.FirstOrDefault(m => m.Name == Ready) is { } ready && ReadyStart(ready, created) is { } start)
        {
            spans.Add(Span(start.Name, start.At, ready));
        }

        if (milestones.FirstOrDefault(m => m.Name == Failed) is { } failed)
        {
            // A failure of a later generation started at a change whose time the failure does not carry.
            spans.Add((failed.Generation ?? 1) <= 1 ? Span(Created, created?.At, failed) : Span(Changed, null, failed));
        }

        var requested = milestones.FirstOrDefault(m => m.Name == DeleteRequested);
        var gone = milestones.FirstOrDefault(m => m.Name == Gone);
        if (requested is not null && gone is not null)
        {
            spans.Add(Span(DeleteRequested, requested.At, gone));
        }

        if (created is not null && gone is not null)
        {
            spans.Add(Span(Created, created.At, gone));
        }

        return spans;
    }

    /// <summary>
    /// Where the span to ready starts: the recorded start of the generation that became ready; for generation 1 recorded
    /// before <c>ready_from</c> existed, the creation, if the observer measured it (<c>time_to_ready</c>); else unknown.
    /// </summary>
    private static (string Name, DateTimeOffset? At)? ReadyStart(Milestone ready, Milestone? created)
    {
        var name = (ready.Generation ?? 1) <= 1 ? Created : Changed;
        if (ready.From is { } from)
        {
            return (name, from);
        }

        return name == Created && created is not null ? (Created, ready.Measured ? created.At : null) : (name, null);
    }

    private static MilestoneSpan Span(string from, DateTimeOffset? start, Milestone end)
    {
        // Kubernetes times have one-second resolution, local ones do not: within a second, "before" is "at once".
        if (start is not { } s || end.At <= s - Resolution)
        {
            return new MilestoneSpan(from, end.Name, null, null);
        }

        var length = end.At > s ? end.At - s : TimeSpan.Zero;
        return end.AtLatest ? new MilestoneSpan(from, end.Name, null, length) : new MilestoneSpan(from, end.Name, length, null);
    }

    private static int Rank(string name) => name switch
    {
        Created => 0,
        Ready or Failed => 1,
        DeleteRequested => 2,
        _ => 3,
    };

    private static void Add(Dictionary<string, Milestone> found, string name, HistoryEvent e, string? atParameter, bool onlyFromParameter = false, string? boundParameter = null)
    {
        if (found.ContainsKey(name))
        {
            return;
        }

        var at = Time(e, atParameter);
        var bound = at is null ? Time(e, boundParameter) : null;
        if (at is null && bound is null && onlyFromParameter)
        {
            return;
        }

        var p = e.Parameters;
        found[name] = new Milestone(name, at ?? bound ?? e.Timestamp, e.Action, e.Source)
        {
            AtLatest = bound is not null,
            Generation = p is not null && p.TryGetValue("generation", out var g) && long.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            From = Time(e, ReadyFromKey),
            Measured = p is not null && (p.ContainsKey("time_to_ready") || p.ContainsKey(ReadyFromKey)),
        };
    }

    private static DateTimeOffset? Time(HistoryEvent e, string? parameter) =>
        parameter is not null && e.Parameters is { } p && p.TryGetValue(parameter, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
}

/// <summary>
/// A moment in one incarnation's life, taken from its events: <see cref="Milestones.Created"/>, <see cref="Milestones.Ready"/>,
/// <see cref="Milestones.Failed"/>, <see cref="Milestones.DeleteRequested"/> or <see cref="Milestones.Gone"/>;
/// <see cref="Source"/> says whether childctl did it or observed it (<c>childctl</c>, <c>observed</c>).
/// </summary>
public sealed record Milestone(string Name, DateTimeOffset At, string Action, string? Source)
{
    /// <summary>Only a bound is known: it happened at <see cref="At"/> at the latest (first seen then), perhaps earlier.</summary>
    public bool AtLatest { get; init; }

    /// <summary>The generation the event describes, when it recorded one.</summary>
    public long? Generation { get; init; }

    /// <summary>For ready: when the generation that became ready started (<c>ready_from</c>), when the observer knew it.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>For ready: the observer measured how long it took (older events: <c>time_to_ready</c>).</summary>
    public bool Measured { get; init; }
}

/// <summary>
/// The time between two milestones of one incarnation, e.g. created → ready. <see cref="Duration"/> null means unknown;
/// then <see cref="AtMost"/> is its upper bound when one is known (the end is only a bound).
/// </summary>
public sealed record MilestoneSpan(string From, string To, TimeSpan? Duration, TimeSpan? AtMost);
