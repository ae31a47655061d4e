using System.Globalization;
using Childctl.History.Events;

namespace Childctl.History.Query;

/// <summary>
/// Groups a cluster's events by uid, in order of each uid's first event. An event without a uid belongs to the uid of
/// another event of its operation when there is one: a create's intent is written before the object (and its uid) exists.
/// </summary>
public static class Incarnations
{
    public static IReadOnlyList<Incarnation> Group(IEnumerable<HistoryEvent> events)
    {
        var list = events as IReadOnlyCollection<HistoryEvent> ?? events.ToList();
        var uidOfOperation = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in list)
        {
            if (e is { Operation: { } op, Uid: { } uid })
            {
                uidOfOperation.TryAdd(op, uid);
            }
        }

        string? UidOf(HistoryEvent e) => e.Uid ?? (e.Operation is { } op && uidOfOperation.TryGetValue(op, out var uid) ? uid : null);
        return list
            .OrderBy(e => e.Timestamp)
            .GroupBy(UidOf, StringComparer.Ordinal)
            .Select(g => new Incarnation(g.Key, g.First().Timestamp, g.Last().Timestamp, g.Count(), g.Last().Action)
            {
                Milestones = g.Key is null ? [] : Milestones.Find(g),
            })
            .OrderBy(i => i.FirstSeen)
            .ToList();
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
/// Finds the milestones of one incarnation in its events (the first of each kind, in time order) and the spans between
/// them: created → ready, created → failed, delete requested → gone, and the lifetime created → gone. Events that carry
/// the moment itself as the API reported it (<c>created_at</c>, <c>ready_at</c>, <c>failed_at</c>,
/// <c>deletion_requested_at</c>, and <c>gone_at_latest</c>, the bound that stands in for it) are dated by it rather than by
/// when they were recorded.
/// </summary>
public static class Milestones
{
    public const string Created = "created";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string DeleteRequested = "delete requested";
    public const string Gone = "gone";

    /// <summary>
    /// The parameter of an <c>observed_deleted</c> that says the latest the incarnation can have gone (the exact time
    /// being unknown): an audit that finds the name taken by a new object records that object's creation. It dates the
    /// gone milestone, so the lifetime ends no later than the next incarnation's begins.
    /// </summary>
    public const string GoneAtLatestKey = "gone_at_latest";

    private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);

    private static readonly (string From, string To)[] Spans =
        [(Created, Ready), (Created, Failed), (DeleteRequested, Gone), (Created, Gone)];

    public static IReadOnlyList<Milestone> Find(IEnumerable<HistoryEvent> incarnation)
    {
        ArgumentNullException.ThrowIfNull(incarnation);
        var found = new Dictionary<string, Milestone>(StringComparer.Ordinal);
        foreach (var e in incarnation.OrderBy(e => e.Timestamp))
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
                    Add(found, Failed, e, "failed_at");
                    break;
                case "cluster_deleted" or "observed_deletion_requested":
                    Add(found, DeleteRequested, e, "deletion_requested_at");
                    break;
                case "observed_deleted":
                    Add(found, DeleteRequested, e, "deletion_requested_at", onlyFromParameter: true);
                    Add(found, Gone, e, GoneAtLatestKey);
                    break;
            }
        }

        return found.Values.OrderBy(m => m.At).ToList();
    }

    public static IReadOnlyList<MilestoneSpan> Durations(IReadOnlyList<Milestone> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        var spans = new List<MilestoneSpan>();
        foreach (var (from, to) in Spans)
        {
            var start = milestones.FirstOrDefault(m => m.Name == from);
            var end = milestones.FirstOrDefault(m => m.Name == to);
            // Kubernetes times have one-second resolution, local ones do not: within a second, "before" is "at once".
            if (start is not null && end is not null && end.At > start.At - Resolution)
            {
                spans.Add(new MilestoneSpan(from, to, end.At > start.At ? end.At - start.At : TimeSpan.Zero));
            }
        }

        return spans;
    }

    private static void Add(Dictionary<string, Milestone> found, string name, HistoryEvent e, string? atParameter, bool onlyFromParameter = false)
    {
        if (found.ContainsKey(name))
        {
            return;
        }

        var at = atParameter is not null && e.Parameters is { } p && p.TryGetValue(atParameter, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : (DateTimeOffset?)null;
        if (at is null && onlyFromParameter)
        {
            return;
        }

        found[name] = new Milestone(name, at ?? e.Timestamp, e.Action, e.Source);
    }
}

/// <summary>
/// A moment in one incarnation's life, taken from its events: <see cref="Milestones.Created"/>, <see cref="Milestones.Ready"/>,
/// <see cref="Milestones.Failed"/>, <see cref="Milestones.DeleteRequested"/> or <see cref="Milestones.Gone"/>;
/// <see cref="Source"/> says whether childctl did it or observed it (<c>childctl</c>, <c>observed</c>).
/// </summary>
public sealed record Milestone(string Name, DateTimeOffset At, string Action, string? Source);

/// <summary>The time between two milestones of one incarnation, e.g. created → ready.</summary>
public sealed record MilestoneSpan(string From, string To, TimeSpan Duration);
