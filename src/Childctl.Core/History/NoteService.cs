using Childctl.Core.Api;
using Childctl.Core.Errors;
using Childctl.History.Events;
using Childctl.History.Store;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>An operator note for one cluster, and why (kept with it).</summary>
public sealed record NoteRequest(string Name, string Text, string? Reason);

/// <summary>The note as recorded, where, why its uid is unknown when it is, and a torn tail the append moved aside.</summary>
public sealed record NoteResult(string Namespace, string Name, TimelineEvent Event, string Location, string? UidUnknownReason, RepairedTail? RepairedTail);

/// <summary>
/// <c>note NAME "text"</c>: appends a <c>note_added</c> event. Works offline: it asks the API for the cluster's uid (one
/// GET, bounded by --request-timeout), and when the API cannot tell (unreachable, refused, no such cluster), the note is
/// recorded anyway, without a uid and with the reason returned to the caller. It never starts an exec credential
/// plugin (a note needs no API answer to succeed): with one, the uid is left unknown and the reason says why.
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
        var (uid, unknown) = await LookupUidAsync(ns, request.Name, cancellationToken);
        var now = session.Time.GetUtcNow();
        var id = EventIds.New(now);
        var e = new HistoryEvent
        {
            Timestamp = now,
            Id = id,
            Action = EventActions.NoteAdded,
            User = session.Options.User,
            Uid = uid,
            ManagementCluster = new ManagementClusterRef(cluster.ClusterName, cluster.Server),
            Operation = id,
            Command = session.Options.CommandLine,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason,
            Message = request.Text,
            Source = EventSources.Childctl,
        };
        var appended = await session.History.AppendAsync(stream, e, cancellationToken);
        var repaired = appended.RepairedTail is { } t ? new RepairedTail(t.LogPath, t.SidePath, t.Length) : null;
        return new NoteResult(ns, request.Name, new TimelineEvent(e), session.History.Location(stream), unknown, repaired);
    }

    /// <summary>The cluster's uid, or why it is unknown: every failure of the API becomes a reason, never an error.</summary>
    private async Task<(string? Uid, string? UnknownReason)> LookupUidAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (session.Cluster.UsesCredentialPlugin)
        {
            // A note needs no API answer, and a credential plugin may prompt, hang or open a browser: it is not started.
            return (null, $"the kubeconfig user of context \"{session.Cluster.ContextName}\" gets its credential from an exec plugin, which note does not start");
        }

        try
        {
            var found = await session.Api.TryGetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken);
            if (found is not { } obj)
            {
                return (null, $"ClusterDeployment \"{name}\" does not exist in namespace \"{ns}\" on {session.Cluster.ContextName}");
            }

            return JsonPath.Find(obj, "metadata", "uid")?.GetString() is { Length: > 0 } uid
                ? (uid, null)
                : (null, $"the API returned ClusterDeployment \"{name}\" without a uid");
        }
        catch (ChildctlException e)
        {
            return (null, e.Message);
        }
    }
}
