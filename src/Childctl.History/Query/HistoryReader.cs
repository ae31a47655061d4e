using Childctl.History.Codec;
using Childctl.History.Store;

namespace Childctl.History.Query;

/// <summary>
/// Reads history for display. One cluster reads one file and nothing else; many clusters are read one file
/// at a time, so memory holds a single cluster's events plus what passed the filter.
/// </summary>
public sealed class HistoryReader
{
    private readonly IHistoryStore _store;

    public HistoryReader(IHistoryStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>One cluster, or null when it has no history file.</summary>
    public async Task<ClusterHistory?> ReadClusterAsync(HistoryStreamId stream, HistoryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var read = await _store.ReadAsync(stream, cancellationToken);
        return read.Document is null ? null : Project(read, filter);
    }

    /// <summary>Every stream of a management cluster (all when null) and namespace (all when null), one file at a time.</summary>
    public async IAsyncEnumerable<ClusterHistory> ReadManyAsync(
        string? managementCluster,
        string? ns,
        string? name,
        HistoryFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        foreach (var info in _store.ListStreams(managementCluster, ns, name))
        {
            var read = await _store.ReadAsync(info.Stream, cancellationToken);
            if (read.Document is not null)
            {
                yield return Project(read, filter);
            }
        }
    }

    /// <summary>
    /// Every stream in scope, as <see cref="ReadManyAsync"/>, except that a file that cannot be read does not stop the
    /// others: each stream yields either its history or the <see cref="HistoryException"/> that says what is wrong with
    /// its file (kind, path, line, what to do). Views that show many clusters (history, status, audit) use it to report
    /// the bad file and show the rest. A stream whose file vanished between listing and reading is left out.
    /// </summary>
    public async IAsyncEnumerable<HistoryReadOutcome> ReadEachAsync(
        string? managementCluster,
        string? ns,
        string? name,
        HistoryFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        foreach (var info in _store.ListStreams(managementCluster, ns, name))
        {
            var outcome = await ReadOneAsync(info, filter, cancellationToken);
            if (outcome is not null)
            {
                yield return outcome;
            }
        }
    }

    /// <summary><see cref="ReadEachAsync"/> collected: the clusters that read, and beside them the files that did not.</summary>
    public async Task<HistoryReadResult> ReadAllAsync(string? managementCluster, string? ns, string? name, HistoryFilter filter, CancellationToken cancellationToken = default)
    {
        var clusters = new List<ClusterHistory>();
        var failures = new List<HistoryReadOutcome>();
        await foreach (var outcome in ReadEachAsync(managementCluster, ns, name, filter, cancellationToken))
        {
            if (outcome.History is { } history)
            {
                clusters.Add(history);
            }
            else
            {
                failures.Add(outcome);
            }
        }

        return new HistoryReadResult(clusters, failures);
    }

    public IReadOnlyList<StreamInfo> List(string? managementCluster) => _store.ListStreams(managementCluster);

    public IReadOnlyList<string> ManagementClusters() => _store.ListManagementClusters();

    private async Task<HistoryReadOutcome?> ReadOneAsync(StreamInfo info, HistoryFilter filter, CancellationToken cancellationToken)
    {
        try
        {
            var read = await _store.ReadAsync(info.Stream, cancellationToken);
            return read.Document is null ? null : new HistoryReadOutcome(info, Project(read, filter), null);
        }
        catch (HistoryException e)
        {
            return new HistoryReadOutcome(info, null, e);
        }
    }

    private static ClusterHistory Project(StreamRead read, HistoryFilter filter)
    {
        var all = read.Document!.Events;
        var events = all.Where(filter.Matches).OrderBy(e => e.Timestamp).ToList();
        return new ClusterHistory(read.Stream, read.Path, read.Document.Header, events, Incarnations.Group(all), read.TornTail);
    }
}

/// <summary>One stream read by <see cref="HistoryReader.ReadEachAsync"/>: its history, or the error that kept its file from being read.</summary>
public sealed record HistoryReadOutcome(StreamInfo Stream, ClusterHistory? History, HistoryException? Error);

/// <summary>Many streams read: those that read, and beside them each file that did not, with its error.</summary>
public sealed record HistoryReadResult(IReadOnlyList<ClusterHistory> Clusters, IReadOnlyList<HistoryReadOutcome> Failures);

/// <summary>
/// One cluster's local history, filtered and in time order (oldest first). This is a record of the past,
/// never a statement about the cluster's current state.
/// </summary>
public sealed record ClusterHistory(
    HistoryStreamId Stream,
    string Path,
    HistoryHeader Header,
    IReadOnlyList<HistoryEvent> Events,
    IReadOnlyList<Incarnation> Incarnations,
    TornTail? TornTail);

/// <summary>
/// Which events to show. All conditions must hold. <see cref="Actions"/> and <see cref="Users"/> match exactly
/// (any of the given values; a user matches the OS user or the Kubernetes identity); <see cref="Uid"/> matches
/// a prefix, so a short uid copied from a table works; so does <see cref="Operation"/>, the id that groups the
/// events of one command and that childctl stamps on the objects it changes (annotation <c>childctl.dev/operation</c>).
/// </summary>
public sealed record HistoryFilter
{
    public static readonly HistoryFilter All = new();

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public IReadOnlyList<string> Actions { get; init; } = [];

    public IReadOnlyList<string> Users { get; init; } = [];

    public string? Uid { get; init; }

    /// <summary>An operation id or a prefix of one.</summary>
    public string? Operation { get; init; }

    /// <summary>True when the filter lets every event through.</summary>
    public bool IsEmpty => Since is null && Until is null && Actions.Count == 0 && Users.Count == 0 && Uid is null && Operation is null;

    public bool Matches(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (Since is null || e.Timestamp >= Since)
            && (Until is null || e.Timestamp <= Until)
            && (Actions.Count == 0 || Actions.Contains(e.Action, StringComparer.Ordinal))
            && (Users.Count == 0 || Users.Any(u => u == e.User || u == e.K8sUser || u == e.K8sRealUser))
            && (Uid is null || (e.Uid?.StartsWith(Uid, StringComparison.OrdinalIgnoreCase) ?? false))
            && (Operation is null || (e.Operation?.StartsWith(Operation, StringComparison.OrdinalIgnoreCase) ?? false));
    }
}
