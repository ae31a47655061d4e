using Childctl.History.Query;

namespace Childctl.Core.Operations;

/// <summary>The clusters read, each with its matching events in time order; the record of the past, not live state.</summary>
public sealed record HistoryResult(IReadOnlyList<ClusterHistory> Clusters, string? Notice);
