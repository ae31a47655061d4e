using System.Runtime.CompilerServices;
using Childctl.Core.Errors;
using Childctl.History;
using Childctl.History.Redaction;
using Childctl.History.Store;
using Childctl.History.Team;

namespace Childctl.Core.History;

/// <summary>
/// Core's one door to the local history store: every read and append Core makes goes through here, and the store's
/// <see cref="HistoryException"/> becomes a <see cref="ChildctlException"/> here, so nothing above Core sees the
/// store's types or errors. A file that does not parse is <see cref="ErrorKind.CorruptHistory"/> (exit 2, the file
/// named with its line and left untouched); a bad name is invalid input; a file system failure is general (exit 1).
/// </summary>
/// <param name="team">The team store, for reads (null: local only, as with an in-memory store).</param>
/// <param name="hooks">What follows every append: the team mirror and the Kubernetes Event (null: nothing, as with an in-memory store).</param>
internal sealed class LocalHistory(IHistoryStore store, Func<TeamHistory?>? team = null, AppendHooks? hooks = null)
{
    public IHistoryStore Store => store;

    /// <summary>The team store of the session's management cluster, when history is kept in files (null otherwise).</summary>
    public TeamHistory? Team => team?.Invoke();

    /// <summary>Where a stream's file is (or would be); for a store without files, the stream's name.</summary>
    public string Location(HistoryStreamId stream) => Guard(() => store is FileHistoryStore files ? files.PathOf(stream) : stream.ToString());

    public Task CheckRecordableAsync(HistoryStreamId stream, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await store.CheckAppendableAsync(stream, cancellationToken);
            return true;
        });

    /// <summary>
    /// Appends one event durably, then mirrors it: every append Core makes (intent, outcome, note, observation) passes
    /// here, so the <see cref="AppendHooks"/> run for all of them. The pending marker comes first, so that a kill between
    /// the local append and the mirror leaves the event pending; the mirror never fails the append.
    /// </summary>
    public async Task<AppendResult> AppendAsync(HistoryStreamId stream, HistoryEvent e, CancellationToken cancellationToken)
    {
        var followUp = hooks?.Before(stream, e);
        AppendResult result;
        try
        {
            result = await GuardAsync(() => store.AppendAsync(stream, [e], null, cancellationToken));
        }
        catch
        {
            AppendHooks.AppendFailed(followUp);
            throw;
        }

        if (followUp is not null)
        {
            await hooks!.AfterAsync(followUp, result, cancellationToken);
        }

        return result;
    }

    public Task<StreamRead> ReadAsync(HistoryStreamId stream, CancellationToken cancellationToken) =>
        GuardAsync(() => store.ReadAsync(stream, cancellationToken));

    public IReadOnlyList<StreamInfo> ListStreams(string? managementCluster, string? ns) => Guard(() => store.ListStreams(managementCluster, ns));

    /// <summary>Runs a piece of History's own logic (a reader, the migrator, a name check) with its errors translated.</summary>
    public static T Guard<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (HistoryException e)
        {
            throw Translate(e);
        }
    }

    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HistoryException e)
        {
            throw Translate(e);
        }
    }

    public static async IAsyncEnumerable<T> GuardEach<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var items = source.GetAsyncEnumerator(cancellationToken);
        while (await GuardAsync(async () => await items.MoveNextAsync()))
        {
            yield return items.Current;
        }
    }

    private static ChildctlException Translate(HistoryException error) => new(
        error.Kind switch
        {
            HistoryErrorKind.InvalidName or HistoryErrorKind.InvalidEvent => ErrorKind.InvalidInput,
            HistoryErrorKind.Corrupt => ErrorKind.CorruptHistory,
            _ => ErrorKind.General,
        },
        error.Message,
        error);
}

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
