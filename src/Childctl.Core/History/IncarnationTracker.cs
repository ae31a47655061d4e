using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations;
using Childctl.Core.Operations.Audit;
using Childctl.Core.Operations.Wait;
using Childctl.History.Store;

namespace Childctl.Core.History;

/// <summary>
/// What any command that reads one cluster learns about its incarnations, recorded once, with the same deterministic
/// ids as <c>audit --record</c> (so whichever sees it first records it and the others append nothing):
/// <list type="bullet">
/// <item>a live object under a name whose history knows another uid and not this one is a recreate: the new incarnation
/// (<c>observed_recreated</c>) and, if history holds no end for the previous one, its <c>observed_deleted</c>, as the
/// audit's classifier finds them. Not when the history was recorded against another API server: that may be another
/// management cluster of the same name, which only <c>audit --record --accept-server-change</c> may decide;</item>
/// <item>an object found gone after a recorded deletion of its latest incarnation, with no <c>observed_deleted</c> yet:
/// the gone milestone, dated as a bound (it was gone by then), since nobody saw it go.</item>
/// </list>
/// Reads only this cluster's file. Every command that reads one cluster by name goes through <see cref="GetAsync"/> (scale,
/// upgrade, set config, edit, kubeconfig); the views and follows that read it otherwise (status, wait, watch NAME, note)
/// and delete, which acts on the object its plan listed, call <see cref="NoticeAsync"/> with what they read.
/// </summary>
internal static class IncarnationTracker
{
    /// <summary>
    /// The one read of a named cluster by a command about it: the object (404 is NotFound), with a recreate under its name
    /// recorded first (once), so that whatever the command records next follows the new incarnation's beginning.
    /// </summary>
    public static async Task<ClusterDeployment> GetAsync(Session session, string ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var live = ClusterDeploymentReader.Read(await session.Api.GetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken));
        await NoticeAsync(session, live, null, cancellationToken);
        return live;
    }

    /// <summary>Records a recreate of <paramref name="live"/> if its history says it is one; returns whether anything was appended.</summary>
    public static async Task<bool> NoticeAsync(Session session, ClusterDeployment live, IReadOnlyList<HistoryEvent>? history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(live);
        var events = history ?? await ReadHistoryAsync(session, live.Namespace, live.Name, cancellationToken);
        if (events.Count == 0 || events.Any(e => e.Uid == live.Uid) || !events.Any(e => !string.IsNullOrEmpty(e.Uid)))
        {
            return false;
        }

        var finding = AuditClassifier.Classify(new AuditSubject(live.Namespace, live.Name, LiveCluster.From(live), events, null));
        if (finding.Class != AuditClass.Recreated
            || (finding.RecordedServer is { } recorded && !ServerChange.SameServer(recorded, session.Cluster.Server)))
        {
            return false;
        }

        var appended = false;
        var stream = new HistoryStreamId(session.Cluster.ClusterName, live.Namespace, live.Name);
        foreach (var e in AuditRecords.For(finding, session.Cluster, session.Recorder().Operation))
        {
            appended |= (await session.History.AppendAsync(stream, e, cancellationToken)).Appended;
        }

        return appended;
    }

    /// <summary>
    /// After the API said the object is gone: if history's latest incarnation has a successful delete and nothing says it
    /// is gone yet, records <c>observed_deleted</c> with <c>gone_at_latest</c> now. Returns whether it did.
    /// </summary>
    public static async Task<bool> RecordGoneAsync(Session session, string ns, string name, CancellationToken cancellationToken)
    {
        var events = await ReadHistoryAsync(session, ns, name, cancellationToken);
        var latestUid = events.LastOrDefault(e => !string.IsNullOrEmpty(e.Uid))?.Uid;
        if (latestUid is null || events.Any(e => e.Uid == latestUid && e.Action == HistoryActions.ObservedDeleted))
        {
            return false;
        }

        var deletion = events.LastOrDefault(e => e.Uid == latestUid && e.Action == HistoryActions.ClusterDeleted && e.Result != HistoryRecorder.Failed);
        if (deletion is null)
        {
            return false;
        }

        var own = events.Where(e => e.Uid == latestUid).ToList();
        var record = ObservedTransitions.Deleted(latestUid, CreatedAt(own), deletion.Timestamp, session.Time.GetUtcNow(), sawItGo: false);
        return await session.Recorder().RecordObservedAsync(ns, name, record, cancellationToken);
    }

    /// <summary>The creationTimestamp history recorded for an incarnation (a snapshot's <c>created_at</c>), when it did.</summary>
    public static DateTimeOffset? CreatedAt(IEnumerable<HistoryEvent> incarnation) =>
        incarnation
            .Select(e => e.Parameters is { } p && p.TryGetValue(SpecSnapshot.CreatedAtKey, out var text)
                && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                    ? at
                    : (DateTimeOffset?)null)
            .FirstOrDefault(at => at is not null);

    private static async Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(Session session, string ns, string name, CancellationToken cancellationToken)
    {
        var read = await session.History.ReadAsync(new HistoryStreamId(session.Cluster.ClusterName, ns, name), cancellationToken);
        return read.Document?.Events ?? [];
    }
}
