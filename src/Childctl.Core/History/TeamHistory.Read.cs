using Childctl.Core.Errors;
using Childctl.History.Codec;
using Childctl.History.Query;
using Childctl.History.Store;
using Childctl.History.Team;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>
/// What the team store holds for the clusters a view shows, grouped by cluster; <see cref="Used"/> is false when team
/// history is off (or unknown) here, and <see cref="Warning"/> says why it could not be read when it is on.
/// </summary>
internal sealed record TeamRead(bool Used, IReadOnlyDictionary<(string Namespace, string Name), List<HistoryEvent>> Series, string? Warning)
{
    public static readonly TeamRead Off = new(false, new Dictionary<(string, string), List<HistoryEvent>>(), null);

    public IReadOnlyList<HistoryEvent> For(string ns, string name) => Series.TryGetValue((ns, name), out var events) ? events : [];

    /// <summary>One cluster's local events merged with the team's; with team history off, the local ones as they are.</summary>
    public MergedEvents Merge(HistoryStreamId stream, IReadOnlyList<HistoryEvent> local) =>
        Used ? TeamMerge.Merge(stream, local, For(stream.Namespace, stream.Name)) : TeamMerge.Merge(stream, local, []);
}

/// <summary>
/// The merge step of every history view: each cluster's local events joined with the team's (team-only clusters
/// included), then filtered; incarnations are grouped from the whole merged history, as from a file.
/// </summary>
internal static class TeamViews
{
    public const string TeamStoreLocation = "(team store)";

    public static IEnumerable<ClusterTimeline> Merge(IReadOnlyList<ClusterHistory> local, TeamRead team, string? mc, HistoryFilter filter)
    {
        var result = new List<ClusterTimeline>();
        var seen = new HashSet<(string, string)>();
        foreach (var c in local)
        {
            var ours = team.Used && c.Stream.ManagementCluster == mc;
            if (ours)
            {
                seen.Add((c.Stream.Namespace, c.Stream.Name));
            }

            result.Add(ours ? Timeline(c.Stream, c.Path, c.Header, c.Events, team.For(c.Stream.Namespace, c.Stream.Name), filter, c.TornTail) : new ClusterTimeline(c));
        }

        foreach (var ((ns, name), events) in team.Used ? team.Series.Where(s => !seen.Contains(s.Key)) : [])
        {
            var stream = new HistoryStreamId(mc!, ns, name);
            result.Add(Timeline(stream, TeamStoreLocation, new HistoryHeader { ClusterName = name, Namespace = ns }, [], events, filter, null));
        }

        return result.OrderBy(c => c.ManagementCluster, StringComparer.Ordinal).ThenBy(c => c.Namespace, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal);
    }

    /// <param name="local">The local events the view kept (already filtered).</param>
    private static ClusterTimeline Timeline(HistoryStreamId stream, string path, HistoryHeader header, IReadOnlyList<HistoryEvent> local, IReadOnlyList<HistoryEvent> team, HistoryFilter filter, TornTail? torn)
    {
        var kept = team.Where(filter.Matches).ToList();
        var shown = TeamMerge.Merge(stream, local, kept);
        // Unfiltered (the usual case), the whole merged history is the one shown: merging 10,000 events once is enough.
        var whole = kept.Count == team.Count ? shown : TeamMerge.Merge(stream, local, team);
        var history = new ClusterHistory(stream, path, header, shown.Events, Incarnations.Group(whole.Events), torn);
        return new ClusterTimeline(history, shown);
    }
}

/// <summary>Reading the team store: one list of ConfigMaps by label, the same selector kubectl would take.</summary>
internal sealed partial class TeamHistory
{
    /// <summary>
    /// The team's events for one cluster (<paramref name="name"/>), one namespace's clusters or (both null) all, when team
    /// history is on; pending events are sent first, so the view includes them. Never throws for the API: offline or
    /// refused, it returns <see cref="TeamRead.Warning"/> and the caller shows local history.
    /// </summary>
    /// <param name="mayAsk">False for <c>history</c>, which needs no API answer: it reads the team store only when this
    /// machine already knows team history is on (any command that talks to the API learns it).</param>
    public async Task<TeamRead> ReadAsync(string? ns, string? name, CancellationToken cancellationToken, bool mayAsk = true)
    {
        if (await EnabledAsync(readOnly: true, cancellationToken, mayAsk) != true)
        {
            return TeamRead.Off;
        }

        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (ChildctlException)
        {
            // What could not be sent stays pending; reading does not depend on it.
        }

        try
        {
            var selector = ns is not null && name is not null ? TeamSeries.Selector(ns, name) : TeamSeries.Selector(ns);
            var series = new Dictionary<(string, string), List<HistoryEvent>>();
            var strings = new StringPool();
            var chunks = new List<((string Namespace, string Name) Series, List<HistoryEvent> Events)>();
            void Add((string Namespace, string Name) key, List<HistoryEvent> events)
            {
                if (name is null || key.Name == name)
                {
                    if (!series.TryGetValue(key, out var list))
                    {
                        series[key] = list = [];
                    }

                    list.AddRange(events);
                }
            }

            // Each page is read in one pass over its bytes; one that reader does not follow is parsed as any reply.
            await _session.Api.ForEachPageAsync(ResourceKind.ConfigMap, Namespace, selector, page =>
            {
                chunks.Clear();
                if (!TeamPageReader.TryRead(page.Span, strings, chunks))
                {
                    return false;
                }

                chunks.ForEach(c => Add(c.Series, c.Events));
                return true;
            }, items =>
            {
                foreach (var item in items)
                {
                    if (TeamSeries.SeriesOf(item) is { } key)
                    {
                        Add(key, TeamSeries.EventsOf(item, strings));
                    }
                }

                return ValueTask.CompletedTask;
            }, cancellationToken, TeamSeries.ChunksPerPage);
            return new TeamRead(true, series, null);
        }
        catch (ChildctlException e)
        {
            return new TeamRead(false, TeamRead.Off.Series, $"team history could not be read ({e.Message}); showing this machine's history only");
        }
    }

    /// <summary>Sends what is pending and nobody else is sending; costs nothing when nothing is. Throws when the API refuses.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var backlog = await ClaimableAsync(cancellationToken);
        foreach (var ((ns, name), events) in backlog)
        {
            await SendAsync(ns, name, events, cancellationToken);
        }

        return backlog.Values.Sum(v => v.Count);
    }

    /// <summary>
    /// <c>history push --all</c>: every local event of the given streams that the team store lacks (by id, or the derived
    /// key of a legacy entry), sent once; returns how many were sent and how many it had already.
    /// </summary>
    public async Task<(int Sent, int AlreadyThere)> BackfillAsync(IReadOnlyList<StreamInfo> streams, CancellationToken cancellationToken)
    {
        var team = await ReadAsync(null, null, cancellationToken);
        if (team.Warning is { } warning)
        {
            throw new ChildctlException(ErrorKind.General, warning);
        }

        var (sent, already) = (0, 0);
        foreach (var info in streams)
        {
            var stream = info.Stream;
            var known = team.For(stream.Namespace, stream.Name).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var read = await LocalHistory.GuardAsync(() => _store.ReadAsync(stream, cancellationToken));
            var missing = new List<(HistoryEvent, PendingEvent?)>();
            foreach (var e in read.Document?.Events ?? [])
            {
                var key = TeamMerge.KeyOf(stream, e);
                if (known.Add(key))
                {
                    missing.Add((TeamEventCodec.ForTeam(e) with { Id = key }, null));
                }
                else
                {
                    already++;
                }
            }

            if (missing.Count > 0)
            {
                await SendAsync(stream.Namespace, stream.Name, missing, cancellationToken);
                sent += missing.Count;
            }
        }

        return (sent, already);
    }
}
