namespace Childctl.Core.History;

/// <summary>One local history event, reduced to what a status view prints.</summary>
public sealed record HistoryEntry(
    DateTimeOffset Timestamp,
    string Action,
    string? User,
    string? Result,
    string? Details,
    string? Uid);
