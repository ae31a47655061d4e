using Childctl.History.Events;
using Childctl.History.Redaction;
using Childctl.History.Store;
using Childctl.History.Team;

namespace Childctl.Core.History;

/// <summary>
/// What <see cref="LocalHistory"/> does around every append to the history of the session's management cluster, whatever
/// appended it (an intent, an outcome, a note, an observation): the team mirror (<see cref="TeamHistory"/>: a pending
/// marker before, so a kill -9 loses nothing, and the send after), the operation's Kubernetes Event
/// (<see cref="OperationEvents"/>) and the crash tests' pause. The team mirror is built only when team history may be on:
/// when this machine learnt within <see cref="TeamState.Recheck"/> that it is off (the <c>.team/state</c> file; no request
/// is made to decide), there is nothing to mark or send, as <see cref="TeamHistory"/> itself would conclude, and the
/// append costs one small file read more. Nothing here fails a command.
/// </summary>
internal sealed class AppendHooks(Session session, FileHistoryStore store, Func<TeamHistory> team)
{
    /// <summary>Debugging and crash tests only: stop after the local append, before the mirror.</summary>
    public const string PauseVariable = "CHILDCTL_DEBUG_PAUSE_AFTER_APPEND";

    private readonly OperationEvents _events = new(session);

    /// <summary>
    /// Before the local append: what is to follow it, with the event marked pending when team history may be on; null
    /// when nothing is (an event without an id, or of another management cluster, or the marker could not be made).
    /// </summary>
    public FollowUp? Before(HistoryStreamId stream, HistoryEvent e)
    {
        if (e.Id is null || session.ClusterNameIfUsable is not { } cluster || stream.ManagementCluster != cluster)
        {
            return null;
        }

        if (KnownOff(cluster))
        {
            return new FollowUp(stream, e, null, null);
        }

        var mirror = team();
        return mirror.BeforeAppend(stream, e) is { } pending ? new FollowUp(stream, e, mirror, pending) : null;
    }

    /// <summary>The append failed: the event is not in history, so nothing is pending.</summary>
    public static void AppendFailed(FollowUp? followUp)
    {
        if (followUp?.Pending is { } pending)
        {
            TeamOutbox.Done(pending);
        }
    }

    /// <summary>
    /// After the local append: mirrors the event (with whatever else is pending for the cluster) and emits the operation's
    /// Kubernetes Event, both at once, so the mirror costs at most one round trip more. Never throws.
    /// </summary>
    public async Task AfterAsync(FollowUp followUp, AppendResult result, CancellationToken cancellationToken)
    {
        var (stream, e, mirror, pending) = followUp;
        await PauseIfAskedAsync(e, cancellationToken);

        if (!result.Appended)
        {
            // The id was in history already: that copy is the one to mirror, and its own marker (if any) covers it.
            AppendFailed(followUp);
            return;
        }

        if (e.Action == EventActions.NoteAdded && session.Cluster.UsesCredentialPlugin)
        {
            // A note needs no API answer and never starts a credential plugin: it stays pending for the next command.
            return;
        }

        var recorded = Redactor.AsRecorded(e);
        var send = mirror is null ? Task.CompletedTask : mirror.MirrorAsync(stream, recorded, pending!, cancellationToken);
        var announce = _events.EmitAsync(stream, recorded, cancellationToken);
        await Task.WhenAll(send, announce);
    }

    /// <summary>Whether this machine learnt, recently enough for a command that writes, that team history is off.</summary>
    private bool KnownOff(string cluster) =>
        TeamState.Read(store.TeamDirectory(cluster)) is { Enabled: false } state && state.Holds(session.Time.GetUtcNow(), session.Options.TeamNamespace);

    /// <summary>
    /// The crash tests' hook (docs/reliability.md): with <see cref="PauseVariable"/>=1 the process says so on stderr and
    /// stops here, the event appended locally and marked pending but not yet mirrored, until it is killed (or Ctrl-C).
    /// </summary>
    private async Task PauseIfAskedAsync(HistoryEvent e, CancellationToken cancellationToken)
    {
        if (session.Options.Environment(PauseVariable) != "1")
        {
            return;
        }

        session.Options.OnHistoryWarning?.Invoke($"{PauseVariable}=1: paused after the local append of event {e.Id}, before the team mirror");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Interrupted instead of killed: carry on and mirror, as an interrupted command would.
        }
    }
}

/// <summary>What follows one append: the event, and the team mirror with the event's pending marker when team history may be on.</summary>
internal sealed record FollowUp(HistoryStreamId Stream, HistoryEvent Event, TeamHistory? Mirror, PendingEvent? Pending);
