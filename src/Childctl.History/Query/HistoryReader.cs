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

    public IReadOnlyList<StreamInfo> List(string? managementCluster) => _store.ListStreams(managementCluster);

    public IReadOnlyList<string> ManagementClusters() => _store.ListManagementClusters();

    private static ClusterHistory Project(StreamRead read, HistoryFilter filter)
    {
        var all = read.Document!.Events;
        var events = all.Where(filter.Matches).OrderBy(e => e.Timestamp).ToList();
        return new ClusterHistory(read.Stream, read.Path, read.Document.Header, events, Incarnations.Group(all), read.TornTail);
    }
}
