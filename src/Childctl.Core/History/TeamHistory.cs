using System.Text.Json;
using Childctl.Core.Errors;
using Childctl.History.Store;
using Childctl.History.Team;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>
/// The team store on the management cluster, beside the local files (docs/history.md, "Team history"). The local
/// append stays first and durable; <see cref="AppendHooks"/> calls <see cref="BeforeAppend"/> (a pending marker, so a
/// kill -9 loses nothing) and <see cref="MirrorAsync"/> around every append that may need mirroring, whatever appended
/// it: an intent, an outcome, a note, an observation. Nothing here fails a command: a mirror that cannot be made leaves
/// the event pending, says so once on stderr, and the next command (or <c>history push</c>) sends it, idempotently by
/// event id.
/// </summary>
internal sealed partial class TeamHistory
{
    /// <summary>How long a read-only command (history) waits when it must ask whether team history is on.</summary>
    private static readonly TimeSpan ReadCheckLimit = TimeSpan.FromSeconds(3);

    private readonly Session _session;
    private readonly FileHistoryStore _store;
    private readonly Lazy<TeamOutbox?> _outbox;
    private bool _warned;

    public TeamHistory(Session session, FileHistoryStore store)
    {
        _session = session;
        _store = store;
        _outbox = new Lazy<TeamOutbox?>(() => ClusterName is { } mc ? store.TeamOutbox(mc) : null);
    }

    /// <summary>The namespace of the team store (<see cref="SessionOptions.TeamNamespace"/>).</summary>
    public string Namespace => _session.Options.TeamNamespace;

    internal TeamOutbox? Outbox => _outbox.Value;

    /// <summary>The kubeconfig's cluster name, or null when no usable kubeconfig names one (then there is no team store to use).</summary>
    private string? ClusterName => _session.ClusterNameIfUsable;

    /// <summary>Marks the event pending before it is appended; null for a stream of another management cluster.</summary>
    public PendingEvent? BeforeAppend(HistoryStreamId stream, HistoryEvent e)
    {
        if (e.Id is null || stream.ManagementCluster != ClusterName || Outbox is not { } outbox)
        {
            return null;
        }

        try
        {
            return outbox.Mark(stream, e.Id);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Childctl.History.HistoryException)
        {
            return null; // the append that follows reports what is wrong with the folder
        }
    }

    /// <summary>
    /// Whether team history is on for this management cluster: from what this machine learnt within <see cref="TeamState.Recheck"/>,
    /// else from the marker (one GET). Null when it cannot be told (the API did not answer).
    /// </summary>
    /// <param name="readOnly">For a read: a known answer of any age will do, and asking is bounded to a few seconds.</param>
    /// <param name="mayAsk">False for a command that needs no API answer (history): only what this machine learnt counts.</param>
    public async Task<bool?> EnabledAsync(bool readOnly, CancellationToken cancellationToken, bool mayAsk = true)
    {
        if (Outbox is not { } outbox)
        {
            return false;
        }

        var state = TeamState.Read(outbox.Directory);
        var now = _session.Time.GetUtcNow();
        if (state is not null && state.Holds(now, Namespace, anyAge: readOnly))
        {
            return state.Enabled;
        }

        if (!mayAsk)
        {
            return state?.Enabled;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (readOnly)
        {
            limit.CancelAfter(ReadCheckLimit);
        }

        try
        {
            if (_session.Api.LastRefusal is not null)
            {
                return state?.Enabled;
            }

            var marker = await _session.Api.TryGetAsync(ResourceKind.ConfigMap, Namespace, TeamSeries.MarkerName, limit.Token);
            var enabled = marker is { } found && JsonPath.Find(found, "data", "enabled") is { ValueKind: JsonValueKind.String } flag && flag.ValueEquals("true");
            new TeamState(enabled, now, Namespace).Write(outbox.Directory);
            return enabled;
        }
        catch (ChildctlException ex) when (ex.Kind == ErrorKind.PermissionDenied)
        {
            // Whoever may not read the marker cannot use the team store either: off for this user.
            new TeamState(false, now, Namespace).Write(outbox.Directory);
            return false;
        }
        catch (ChildctlException)
        {
            return state?.Enabled;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return state?.Enabled;
        }
    }

    /// <summary>Remembers the answer of <c>history enable-team</c>/<c>disable-team</c> at once.</summary>
    public void Remember(bool enabled)
    {
        if (Outbox is { } outbox)
        {
            new TeamState(enabled, _session.Time.GetUtcNow(), Namespace).Write(outbox.Directory);
        }
    }

    /// <summary>One stderr line per command, however many events stayed pending.</summary>
    private void WarnOnce(string message)
    {
        if (_warned)
        {
            return;
        }

        _warned = true;
        var count = Outbox?.Count() ?? 0;
        _session.Options.OnHistoryWarning?.Invoke(
            $"team history: {message}; recorded locally, {count} {(count == 1 ? "event" : "events")} pending for the team store ('childctl history push' sends them; the next command tries again)");
    }
}
