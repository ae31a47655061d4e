namespace Childctl.Core.Kubernetes.Watching;

/// <summary>See <see cref="WatchChange{T}"/>.</summary>
public enum WatchChangeKind
{
    Added,
    Modified,
    Deleted,

    /// <summary>Every object that existed at the first list has been delivered as Added.</summary>
    Synced,
}
