using Childctl.History.Events;

namespace Childctl.History.Codec;

/// <summary>One parsed history file: its header and its events in file order.</summary>
public sealed record HistoryDocument(HistoryHeader Header, IReadOnlyList<HistoryEvent> Events);
