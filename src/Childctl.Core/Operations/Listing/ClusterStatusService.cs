using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.Core.Templates;
using Childctl.History.Store;
using Childctl.History.Team;

namespace Childctl.Core.Operations.Listing;

/// <summary>
/// Everything <c>status</c> shows about one cluster: the live object and what is derived from it, its kubeconfig
/// Secret's availability, its Kubernetes Events, and, apart, the tail of its local history.
/// </summary>
public sealed record ClusterStatusReport(
    ClusterOverview Overview,
    KubeconfigAvailability Kubeconfig,
    IReadOnlyList<ClusterEvent> Events,
    HistoryExcerpt History);

/// <summary>
/// The last entries of the live incarnation's history: where the file is, how many entries that incarnation has in all
/// (its uid's, and those without a uid recorded since it began), the last few, and the uids of earlier incarnations of
/// the name, which are not shown (they are not this cluster). A missing file is an empty excerpt; <see cref="Problem"/>
/// says why the file could not be read, if it could not.
/// </summary>
public sealed record HistoryExcerpt(string Location, int Total, IReadOnlyList<TimelineEvent> Entries, string? Problem = null)
{
    public IReadOnlyList<string> EarlierIncarnations { get; init; } = [];

    /// <summary>The entries are the file's merged with the team history on the management cluster.</summary>
    public bool TeamMerged { get; init; }

    /// <summary>Why the team history could not be read, when it is on (the entries are then this machine's only).</summary>
    public string? TeamWarning { get; init; }

    /// <summary>How many entries the earlier incarnations have.</summary>
    public int EarlierEntries { get; init; }
}

/// <summary>
/// The Kubernetes Events of one incarnation, read live for <c>history NAME --with-events</c> and never stored.
/// <see cref="Uid"/> is the live object's, or (when it is gone) the latest incarnation history knows, whose Events may
/// outlive it for a while; null when there is neither. <see cref="ObjectExists"/> says which.
/// </summary>
public sealed record LiveClusterEvents(string? Uid, bool ObjectExists, IReadOnlyList<ClusterEvent> Events);

/// <summary>
/// One cluster read live. <see cref="GetAsync"/> (<c>status NAME</c>): the ClusterDeployment (404 → NotFound, whatever
/// local history says), read together with its namespace's templates (one list, as <c>list</c> does), its kubeconfig
/// Secret, its Events (selected by kind and name, kept by uid) and the last entries of its local history.
/// <see cref="ReadEventsAsync"/>: only the Events of the current incarnation, for <c>history --with-events</c>.
/// </summary>
public sealed class ClusterStatusService(Session session)
{
    public const int HistoryEntries = 5;

    public async Task<ClusterStatusReport> GetAsync(string name, CancellationToken cancellationToken)
    {
        var ns = session.OneNamespace("status");
        var api = session.Api;

        // Every read needs only the name, so all go out at once: one round trip after the handshake.
        var clusterTask = api.GetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken);
        var templatesTask = TemplateCatalog.ReadAsync(api, ns, cancellationToken);
        var kubeconfigTask = api.GetKubeconfigAvailabilityAsync(ns, name, cancellationToken);
        var eventsTask = api.ListEventsAsync(ns, K0rdentKinds.ClusterDeployment.Kind, name, cancellationToken);
        var historyTask = ReadEventsAsync(ns, name, cancellationToken);
        var others = Task.WhenAll(templatesTask, kubeconfigTask, eventsTask, historyTask);
        ClusterDeployment cluster;
        try
        {
            cluster = ClusterDeploymentReader.Read(await clusterTask);
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
        {
            await others.ContinueWith(static _ => { }, TaskScheduler.Default);
            await RecordGoneQuietlyAsync(ns, name, cancellationToken);
            throw;
        }
        catch
        {
            await others.ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        await others;
        var events = (await eventsTask).Where(e => e.InvolvedUid == cluster.Uid).ToList();
        var history = await historyTask;
        if (history.Events is { } recorded && await NoticeQuietlyAsync(cluster, recorded, cancellationToken))
        {
            history = await ReadEventsAsync(ns, name, cancellationToken);
        }

        return new ClusterStatusReport(ClusterOverview.Create(cluster, await templatesTask), await kubeconfigTask, events, Excerpt(history, cluster.Uid));
    }

    /// <param name="latestRecordedUid">The uid to use when the object is gone: the latest incarnation in history.</param>
    public async Task<LiveClusterEvents> ReadEventsAsync(string ns, string name, string? latestRecordedUid, CancellationToken cancellationToken)
    {
        var objectTask = session.Api.TryGetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken);
        var eventsTask = session.Api.ListEventsAsync(ns, K0rdentKinds.ClusterDeployment.Kind, name, cancellationToken);
        await Task.WhenAll(objectTask, eventsTask);
        var found = await objectTask;
        var uid = found is { } obj ? ClusterDeploymentReader.Read(obj).Uid : latestRecordedUid;
        if (string.IsNullOrEmpty(uid))
        {
            return new LiveClusterEvents(null, false, []);
        }

        return new LiveClusterEvents(uid, found is not null, (await eventsTask).Where(e => e.InvolvedUid == uid).ToList());
    }

    /// <summary>Reads exactly this cluster's file; one that cannot be read is reported rather than failing the live view.</summary>
    private async Task<RecordedEvents> ReadEventsAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var stream = new HistoryStreamId(session.Cluster.ClusterName, ns, name);
        try
        {
            var location = session.History.Location(stream);
            var teamTask = session.History.Team is { } store ? store.ReadAsync(ns, name, cancellationToken) : Task.FromResult(TeamRead.Off);
            var read = await session.History.ReadAsync(stream, cancellationToken);
            var team = await teamTask;

            // The file merged with the team's events, when team history is on: a teammate's change shows here too.
            var merged = team.Merge(stream, read.Document?.Events ?? []);
            var where = read.Document is null && team.For(ns, name).Count > 0 ? TeamViews.TeamStoreLocation : read.Document is null ? location : read.Path;
            return new RecordedEvents(where, merged.Events, null) { Merged = team.Used ? merged : null, TeamWarning = team.Warning };
        }
        catch (ChildctlException e)
        {
            return new RecordedEvents(stream.ToString(), null, e.Message);
        }
    }

    /// <summary>
    /// The live incarnation's entries: its uid's, and those without a uid (legacy entries, a note taken offline) recorded
    /// after the last entry of any earlier incarnation. Entries of other uids belong to earlier incarnations of the name
    /// and are only counted.
    /// </summary>
    private static HistoryExcerpt Excerpt(RecordedEvents history, string uid)
    {
        if (history.Events is not { } all)
        {
            return new HistoryExcerpt(history.Location, 0, [], history.Problem);
        }

        var earlier = all.Where(e => !string.IsNullOrEmpty(e.Uid) && e.Uid != uid).ToList();
        var earlierEnd = earlier.Count == 0 ? DateTimeOffset.MinValue : earlier.Max(e => e.Timestamp);
        var own = all.Where(e => e.Uid == uid || (string.IsNullOrEmpty(e.Uid) && e.Timestamp > earlierEnd)).ToList();
        var latest = own.Skip(Math.Max(0, own.Count - HistoryEntries)).Select(e => new TimelineEvent(e, origin: history.Merged?.OriginOf(e))).ToList();
        return new HistoryExcerpt(history.Location, own.Count, latest)
        {
            TeamMerged = history.Merged is not null,
            TeamWarning = history.TeamWarning,
            EarlierIncarnations = earlier.Select(e => e.Uid!).Distinct(StringComparer.Ordinal).ToList(),
            EarlierEntries = earlier.Count,
        };
    }

    /// <summary>History only enriches the live view: a recreate or a gone that cannot be recorded never fails it.</summary>
    private async Task<bool> NoticeQuietlyAsync(ClusterDeployment cluster, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await IncarnationTracker.NoticeAsync(session, cluster, events, cancellationToken);
        }
        catch (ChildctlException e) when (e.Kind is ErrorKind.CorruptHistory or ErrorKind.General)
        {
            return false;
        }
    }

    private async Task RecordGoneQuietlyAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            await IncarnationTracker.RecordGoneAsync(session, ns, name, cancellationToken);
        }
        catch (ChildctlException e) when (e.Kind is ErrorKind.CorruptHistory or ErrorKind.General or ErrorKind.InvalidInput)
        {
        }
    }

    private sealed record RecordedEvents(string Location, IReadOnlyList<HistoryEvent>? Events, string? Problem)
    {
        public MergedEvents? Merged { get; init; }

        public string? TeamWarning { get; init; }
    }
}
