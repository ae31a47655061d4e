using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

/// <summary>
/// A bounded ring of the most recent changes of one kind, in resourceVersion order, so a watch of that kind can
/// resume from a version (the store keeps one per kind, as the apiserver keeps a watch cache per resource). Once a
/// change falls out, watches from before it get 410 Expired. Not thread-safe: the store guards it with its lock.
/// </summary>
internal sealed class ChangeLog
{
    private readonly StoreChange?[] _ring;
    private int _start;
    private int _count;

    public ChangeLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new StoreChange[capacity];
    }

    /// <summary>Watches from this version or later can be served; older ones are expired.</summary>
    public long OldestServable { get; private set; }

    public void Add(StoreChange change)
    {
        if (_count == _ring.Length)
        {
            OldestServable = _ring[_start]!.ResourceVersion;
            _ring[_start] = null;
            _start = (_start + 1) % _ring.Length;
            _count--;
        }

        _ring[(_start + _count) % _ring.Length] = change;
        _count++;
    }

    /// <summary>Forgets every change up to <paramref name="resourceVersion"/>.</summary>
    public void Compact(long resourceVersion)
    {
        while (_count > 0 && _ring[_start]!.ResourceVersion <= resourceVersion)
        {
            _ring[_start] = null;
            _start = (_start + 1) % _ring.Length;
            _count--;
        }

        OldestServable = Math.Max(OldestServable, resourceVersion);
    }

    public List<StoreChange> After(long resourceVersion)
    {
        var result = new List<StoreChange>();
        for (var i = 0; i < _count; i++)
        {
            var change = _ring[(_start + i) % _ring.Length]!;
            if (change.ResourceVersion > resourceVersion)
            {
                result.Add(change);
            }
        }

        return result;
    }
}

/// <summary>
/// A committed change as the store keeps it: the event type, the immutable object version it produced and, for
/// MODIFIED, the version before (so a filtered watch can tell an object entering or leaving its selection).
/// </summary>
internal sealed record StoreChange(string Type, StoredObject Object, StoredObject? Previous = null)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";

    public long ResourceVersion => Object.ResourceVersion;
}

/// <summary>
/// The start of a store watch: the subscription (null when expired), the initial changes to send first, whether
/// the requested resourceVersion was too old (410), and the resourceVersion the watch started at (or, when
/// expired, the oldest one still servable).
/// </summary>
internal sealed record WatchStart(IDisposable? Subscription, IReadOnlyList<StoreChange> Initial, bool Expired, long ResourceVersion);

/// <summary>What changed in the store: ADDED, MODIFIED or DELETED, with the object after the change.</summary>
public sealed record StoreEvent(string Type, ResourceType Resource, JsonObject Object, long ResourceVersion);
