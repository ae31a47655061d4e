using Childctl.History.Codec;
using Childctl.History.Events;
using Childctl.History.Store;

namespace Childctl.History.Query;

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
