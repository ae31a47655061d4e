namespace Childctl.Core.Kubernetes.Watching;

/// <summary>A list response: the items and the resourceVersion of the collection at that moment.</summary>
public sealed record WatchList<T>(IReadOnlyList<T> Items, string ResourceVersion);
