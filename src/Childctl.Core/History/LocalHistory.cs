using System.Runtime.CompilerServices;
using Childctl.Core.Errors;
using Childctl.History;
using Childctl.History.Events;
using Childctl.History.Store;

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
