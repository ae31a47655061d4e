namespace Childctl.Sandbox.Storage;

/// <summary>
/// The start of a store watch: the subscription (null when expired), the initial changes to send first, whether
/// the requested resourceVersion was too old (410), and the resourceVersion the watch started at (or, when
/// expired, the oldest one still servable).
/// </summary>
internal sealed record WatchStart(IDisposable? Subscription, IReadOnlyList<StoreChange> Initial, bool Expired, long ResourceVersion);
