using System.Text.Json;
using Childctl.Core.Errors;
using Childctl.History.Events;
using Childctl.History.Store;
using Childctl.History.Team;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>
/// The team store on the management cluster, beside the local files (docs/history.md, "Team history"). The local
/// append stays first and durable; <see cref="LocalHistory"/> calls <see cref="BeforeAppend"/> (a pending marker, so a
/// kill -9 loses nothing) and <see cref="AfterAppendAsync"/> (the mirror and the Kubernetes Event) around every append,
/// whatever appended it: an intent, an outcome, a note, an observation. Nothing here fails a command: a mirror that
/// cannot be made leaves the event pending, says so once on stderr, and the next command (or <c>history push</c>)
/// sends it, idempotently by event id.
/// </summary>
internal sealed partial class TeamHistory
{
    /// <summary>How long what this machine learnt about the marker holds before a command that writes asks again.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);

    /// <summary>How long a read-only command (history) waits when it must ask whether team history is on.</summary>
    private static readonly TimeSpan ReadCheckLimit = TimeSpan.FromSeconds(3);

    /// <summary>Debugging and crash tests only: stop after the local append, before the mirror.</summary>
    public const string PauseVariable = "CHILDCTL_DEBUG_PAUSE_AFTER_APPEND";

    private readonly Session _session;
    private readonly FileHistoryStore _store;
    private readonly Lazy<TeamOutbox?> _outbox;
    private readonly OperationEvents _events;
    private bool _warned;

    public TeamHistory(Session session, FileHistoryStore store)
    {
        _session = session;
        _store = store;
        _outbox = new Lazy<TeamOutbox?>(() => ClusterName is { } mc ? store.TeamOutbox(mc) : null);
        _events = new OperationEvents(session);
    }

    /// <summary>The namespace of the team store: <c>CHILDCTL_TEAM_NAMESPACE</c>, else <see cref="TeamSeries.DefaultNamespace"/>.</summary>
    public string Namespace => _session.Options.Environment("CHILDCTL_TEAM_NAMESPACE") is { Length: > 0 } ns ? ns : TeamSeries.DefaultNamespace;

    internal TeamOutbox? Outbox => _outbox.Value;

    /// <summary>The kubeconfig's cluster name, or null when no usable kubeconfig names one (then there is no team store to use).</summary>
    private string? ClusterName
    {
        get
        {
            try
            {
                return _session.Cluster.ClusterName;
            }
            catch (ChildctlException)
            {
                return null;
            }
        }
    }

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

    /// <summary>The append failed: the event is not in history, so nothing is pending.</summary>
    public static void AppendFailed(PendingEvent? pending)
    {
        if (pending is not null)
        {
            TeamOutbox.Done(pending);
        }
    }

    /// <summary>
    /// After a local append: mirrors the event (with whatever else is pending for the cluster) and emits the operation's
    /// Kubernetes Event, both at once, so the mirror costs at most one round trip more. Never throws.
    /// </summary>
    public async Task AfterAppendAsync(HistoryStreamId stream, HistoryEvent e, AppendResult result, PendingEvent? pending, CancellationToken cancellationToken)
    {
        if (pending is null)
        {
            return;
        }

        await PauseIfAskedAsync(e, cancellationToken);

        if (!result.Appended)
        {
            // The id was in history already: that copy is the one to mirror, and its own marker (if any) covers it.
            TeamOutbox.Done(pending);
            return;
        }

        if (e.Action == EventActions.NoteAdded && _session.Cluster.UsesCredentialPlugin)
        {
            // A note needs no API answer and never starts a credential plugin: it stays pending for the next command.
            return;
        }

        var recorded = TeamEventCodec.ForTeam(e);
        var mirror = MirrorAsync(stream, recorded, pending, cancellationToken);
        var announce = _events.EmitAsync(stream, recorded, cancellationToken);
        await Task.WhenAll(mirror, announce);
    }

    /// <summary>
    /// Whether team history is on for this management cluster: from what this machine learnt within <see cref="Recheck"/>,
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

        var state = outbox.ReadState();
        var now = _session.Time.GetUtcNow();
        if (state is not null && (readOnly || now - state.CheckedAt < Recheck) && state.Namespace == Namespace)
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
            outbox.WriteState(new TeamState(enabled, now, Namespace));
            return enabled;
        }
        catch (ChildctlException ex) when (ex.Kind == ErrorKind.PermissionDenied)
        {
            // Whoever may not read the marker cannot use the team store either: off for this user.
            outbox.WriteState(new TeamState(false, now, Namespace));
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
    public void Remember(bool enabled) => Outbox?.WriteState(new TeamState(enabled, _session.Time.GetUtcNow(), Namespace));

    /// <summary>
    /// The crash tests' hook (docs/reliability.md): with <see cref="PauseVariable"/>=1 the process says so on stderr and
    /// stops here, the event appended locally and marked pending but not yet mirrored, until it is killed (or Ctrl-C).
    /// </summary>
    private async Task PauseIfAskedAsync(HistoryEvent e, CancellationToken cancellationToken)
    {
        if (_session.Options.Environment(PauseVariable) != "1")
        {
            return;
        }

        _session.Options.OnHistoryWarning?.Invoke($"{PauseVariable}=1: paused after the local append of event {e.Id}, before the team mirror");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Interrupted instead of killed: carry on and mirror, as an interrupted command would.
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
