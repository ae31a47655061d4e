using Childctl.History.Events;

namespace Childctl.Core.Operations.Audit;

/// <summary>One cluster name to audit: its live object (null when the API has none) and every event of its history file.</summary>
public sealed record AuditSubject(string Namespace, string Name, LiveCluster? Live, IReadOnlyList<HistoryEvent> History, string? HistoryFile);
