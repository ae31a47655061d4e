using Childctl.History.Events;

namespace Childctl.History.Query;

/// <summary>
/// Which events to show. All conditions must hold. <see cref="Actions"/> and <see cref="Users"/> match exactly
/// (any of the given values; a user matches the OS user or the Kubernetes identity); <see cref="Uid"/> matches
/// a prefix, so a short uid copied from a table works.
/// </summary>
public sealed record HistoryFilter
{
    public static readonly HistoryFilter All = new();

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public IReadOnlyList<string> Actions { get; init; } = [];

    public IReadOnlyList<string> Users { get; init; } = [];

    public string? Uid { get; init; }

    /// <summary>True when the filter lets every event through.</summary>
    public bool IsEmpty => Since is null && Until is null && Actions.Count == 0 && Users.Count == 0 && Uid is null;

    public bool Matches(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (Since is null || e.Timestamp >= Since)
            && (Until is null || e.Timestamp <= Until)
            && (Actions.Count == 0 || Actions.Contains(e.Action, StringComparer.Ordinal))
            && (Users.Count == 0 || Users.Any(u => u == e.User || u == e.K8sUser))
            && (Uid is null || (e.Uid?.StartsWith(Uid, StringComparison.OrdinalIgnoreCase) ?? false));
    }
}
