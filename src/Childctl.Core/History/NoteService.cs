using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.History.Store;

namespace Childctl.Core.History;

/// <summary>An operator note for one cluster, and why (kept with it); <see cref="Force"/> notes a name the API does not know and history has never seen.</summary>
public sealed record NoteRequest(string Name, string Text, string? Reason, bool Force = false);

/// <summary>
/// The note as recorded, where, why its uid is unknown when it is (or, when <see cref="UidFromHistory"/>, why it was
/// taken from history), and a torn tail the append moved aside.
/// </summary>
public sealed record NoteResult(string Namespace, string Name, TimelineEvent Event, string Location, string? UidUnknownReason, RepairedTail? RepairedTail)
{
    /// <summary>The API could not tell the uid, and history knows exactly one incarnation that has not ended: the note joins it.</summary>
    public bool UidFromHistory { get; init; }
}

/// <summary>
/// <c>note NAME "text"</c>: appends a <c>note_added</c> event. Works offline: it asks the API for the cluster's uid (one
/// GET, bounded by --request-timeout). When the API cannot tell (unreachable, refused) and the name's history knows
/// exactly one incarnation with no recorded end, the note is within it and joins it (parameter <c>uid_from: history</c>);
/// otherwise it is recorded without a uid, with the reason returned to the caller. A name the API says does not exist and
/// history has never seen is most likely a typo: refused (NotFound, exit 3) unless forced, and nothing is written. It
/// never starts an exec credential plugin (a note needs no API answer to succeed): with one, the uid is left unknown
/// and the reason says why.
/// </summary>
public sealed class NoteService(Session session)
{
    public async Task<NoteResult> AddAsync(NoteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw ChildctlException.InvalidInput("the note is empty: pass the text, e.g. childctl note NAME \"why this cluster is kept\"");
        }

        var cluster = session.ClusterFor("note needs the kubeconfig to know which management cluster the cluster belongs to", "note");
        var ns = cluster.DefaultNamespace;
        var stream = new HistoryStreamId(cluster.ClusterName, ns, request.Name);
        LocalHistory.Guard(() =>
        {
            stream.Validate();
            return true;
        });
        var (uid, unknown, missing) = await LookupUidAsync(ns, request.Name, cancellationToken);
        // History only matters when the live object gave no uid (it may name the one open incarnation); a note on a
        // live cluster does not read the whole file for nothing.
        var history = uid is null ? (await session.History.ReadAsync(stream, cancellationToken)).Document?.Events ?? [] : [];
        if (missing && history.Count == 0 && !request.Force)
        {
            throw ChildctlException.NotFound(
                $"ClusterDeployment \"{request.Name}\" does not exist in namespace \"{ns}\" on {cluster.ContextName}, and there is no history for it: "
                + "nothing was recorded (a typo?). 'childctl list' shows what exists; to note it anyway, add --force");
        }

        var fromHistory = uid is null && !missing ? OnlyOpenIncarnation(history) : null;
        var now = session.Time.GetUtcNow();
        var id = EventIds.New(now);
        var e = new HistoryEvent
        {
            Timestamp = now,
            Id = id,
            Action = EventActions.NoteAdded,
            User = session.Options.User,
            Uid = uid ?? fromHistory,
            Parameters = fromHistory is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["uid_from"] = "history" },
            ManagementCluster = new ManagementClusterRef(cluster.ClusterName, cluster.Server),
            Operation = id,
            Command = session.Options.CommandLine,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason,
            Message = request.Text,
            Source = EventSources.Childctl,
        };
        var appended = await session.History.AppendAsync(stream, e, cancellationToken);
        var repaired = appended.RepairedTail is { } t ? new RepairedTail(t.LogPath, t.SidePath, t.Length) : null;
        return new NoteResult(ns, request.Name, new TimelineEvent(e), session.History.Location(stream), unknown, repaired) { UidFromHistory = fromHistory is not null };
    }

    /// <summary>
    /// The one incarnation history knows for the name, if it has no recorded end (delete accepted, seen gone): a note
    /// taken now lies within it. Null when there are none, several, or it ended.
    /// </summary>
    private static string? OnlyOpenIncarnation(IReadOnlyList<HistoryEvent> history)
    {
        var uids = history.Where(e => !string.IsNullOrEmpty(e.Uid)).Select(e => e.Uid!).Distinct(StringComparer.Ordinal).ToList();
        if (uids.Count != 1)
        {
            return null;
        }

        var ended = history.Any(e => e.Uid == uids[0] && e.Result != HistoryRecorder.Failed
            && e.Action is HistoryActions.ClusterDeleted or HistoryActions.ObservedDeleted);
        return ended ? null : uids[0];
    }

    /// <summary>
    /// The cluster's uid, or why it is unknown, and whether the API answered that it does not exist: every failure of the
    /// API becomes a reason, never an error. A live object is also checked for being a recreate (recorded once).
    /// </summary>
    private async Task<(string? Uid, string? UnknownReason, bool Missing)> LookupUidAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (session.Cluster.UsesCredentialPlugin)
        {
            // A note needs no API answer, and a credential plugin may prompt, hang or open a browser: it is not started.
            return (null, $"the kubeconfig user of context \"{session.Cluster.ContextName}\" gets its credential from an exec plugin, which note does not start", false);
        }

        try
        {
            var found = await session.Api.TryGetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken);
            if (found is not { } obj)
            {
                return (null, $"ClusterDeployment \"{name}\" does not exist in namespace \"{ns}\" on {session.Cluster.ContextName}", true);
            }

            var live = ClusterDeploymentReader.Read(obj);
            if (live.Uid.Length == 0)
            {
                return (null, $"the API returned ClusterDeployment \"{name}\" without a uid", false);
            }

            await IncarnationTracker.NoticeAsync(session, live, null, cancellationToken);
            return (live.Uid, null, false);
        }
        catch (ChildctlException e) when (e.Kind is not (ErrorKind.CorruptHistory or ErrorKind.InvalidInput))
        {
            return (null, e.Message, false);
        }
    }
}
