using Childctl.History.Events;
using Childctl.History.Store;

namespace Childctl.Core.Operations;

/// <summary>The note as recorded, and why its uid is unknown when it is.</summary>
public sealed record NoteResult(HistoryStreamId Stream, HistoryEvent Event, string? UidUnknownReason, TornTail? RepairedTail);
