namespace Childctl.History.Codec;

/// <summary>
/// The top-level keys of a history file other than <c>events</c>. <see cref="CreatedAt"/> and
/// <see cref="LastUpdated"/> come from the legacy bash logs; they are read and shown as they are, never updated.
/// </summary>
public sealed record HistoryHeader
{
    public string? ClusterName { get; init; }

    public string? Namespace { get; init; }

    public string? CreatedAt { get; init; }

    public string? LastUpdated { get; init; }
}
