namespace Childctl.Core.Kubernetes.Watching;

/// <summary>What a consumer of <see cref="ResilientWatch{T}"/> sees: an object appeared, changed or went away, or
/// <see cref="WatchChangeKind.Synced"/> once the initial list has been delivered.</summary>
public sealed record WatchChange<T>(WatchChangeKind Kind, T? Object)
    where T : class;
