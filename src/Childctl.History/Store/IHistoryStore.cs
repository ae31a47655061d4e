using Childctl.History.Events;

namespace Childctl.History.Store;

/// <summary>
/// Per-cluster append-only event streams, in the spirit of SQLStreamStore's <c>AppendToStream</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>An append of several events is one write: after a crash either all of them are in the log or none.</item>
/// <item>Appends are serialised by an exclusive lock shared by all processes, and flushed to disk before they return.</item>
/// <item>Idempotency: if every id of the batch is already in the stream, the append is a no-op that returns the
/// position of the existing last one; if some are and some are not, it fails with <see cref="HistoryErrorKind.IdConflict"/>.</item>
/// <item>Secrets are redacted from parameters, command and free text before anything is written.</item>
/// <item>Nothing already written is ever changed; only a torn tail is moved to a side file and cut.</item>
/// </list>
/// </remarks>
public interface IHistoryStore
{
    Task<AppendResult> AppendAsync(HistoryStreamId stream, IReadOnlyList<HistoryEvent> events, AppendOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fails as an append to the stream would fail, short of writing an event: an invalid name, a folder that cannot be
    /// created, a lock or log that cannot be opened for writing, a log that does not parse. Lets a caller refuse to
    /// make a change it could not record. May create the stream's folders and lock file, nothing else.
    /// </summary>
    Task CheckAppendableAsync(HistoryStreamId stream, CancellationToken cancellationToken = default);

    /// <summary>Reads one stream, touching no other file; a missing stream reads as not existing.</summary>
    Task<StreamRead> ReadAsync(HistoryStreamId stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// The streams of one management cluster (raw kubeconfig name), namespace and name; null means any. With a
    /// name, only that name's files are looked at, not every file.
    /// </summary>
    IReadOnlyList<StreamInfo> ListStreams(string? managementCluster = null, string? ns = null, string? name = null);

    /// <summary>The raw names of the management clusters that have history.</summary>
    IReadOnlyList<string> ListManagementClusters();
}
