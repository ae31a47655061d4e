using Childctl.History.Query;

namespace Childctl.Core.Operations;

/// <summary>What to read: a cluster (when <see cref="Name"/> is set) or many, within a scope, through a filter.</summary>
public sealed record HistoryRequest(HistoryScope Scope, string? Name, HistoryFilter Filter);
