namespace Childctl.Core.Kubernetes.Watching;

/// <summary>Who an object is (namespace/name, and uid for its incarnation) and which version of it was seen.</summary>
public sealed record WatchIdentity(string Key, string? Uid, string? ResourceVersion);
