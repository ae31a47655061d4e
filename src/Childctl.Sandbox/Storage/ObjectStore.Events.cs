namespace Childctl.Sandbox.Storage;

public sealed partial class ObjectStore
{
    private readonly Lock _deliveryGate = new();
    private readonly Queue<StoreChange> _pending = new();
    private Subscriber[] _subscribers = [];
    private int _deliveringThread;
    private long _deliveredRv;

    /// <summary>
    /// The resourceVersion up to which every change has been handed to every subscriber: a watch bookmark may carry
    /// it, since no change at or below it can still arrive on the stream (what the apiserver's watch cache knows from
    /// etcd's progress notifications, however quiet the watched kind is).
    /// </summary>
    internal long DeliveredResourceVersion => Volatile.Read(ref _deliveredRv);

    /// <summary>How many subscriptions (in-process subscribers and open watches) are live; tests use it to know a watch has started.</summary>
    internal int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public IDisposable Subscribe(Action<StoreEvent> onEvent)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        lock (_gate)
        {
            return AddSubscriberLocked(null, c => onEvent(new StoreEvent(c.Type, c.Object.Type, c.Object.ToNode(), c.ResourceVersion)));
        }
    }

    /// <summary>
    /// Starts a watch of one type (and namespace, when given) atomically with respect to writes: the initial events
    /// (synthetic ADDED for every current object when <paramref name="fromResourceVersion"/> is 0, else the changes
    /// after it from that kind's own change log) are returned, and every later change goes to <paramref name="sink"/>,
    /// none twice. A version is expired (410) only when changes of this kind after it have been forgotten.
    /// </summary>
    internal WatchStart Watch(ResourceType type, string? ns, long fromResourceVersion, Action<StoreChange> sink)
    {
        lock (_gate)
        {
            bool Matches(StoredObject o) => o.Type.Plural == type.Plural && o.Type.Group == type.Group && (ns is null || o.Namespace == ns);
            List<StoreChange> initial;
            if (fromResourceVersion <= 0)
            {
                initial = Bucket(type).Values.Where(Matches).Select(o => new StoreChange(StoreChange.Added, o)).ToList();
            }
            else if (LogOf(type) is var log && fromResourceVersion < log.OldestServable)
            {
                return new WatchStart(null, [], Expired: true, log.OldestServable + 1);
            }
            else
            {
                initial = log.After(fromResourceVersion).Where(c => Matches(c.Object)).ToList();
            }

            var subscription = AddSubscriberLocked(BucketKey(type), c =>
            {
                if (Matches(c.Object))
                {
                    sink(c);
                }
            });
            return new WatchStart(subscription, initial, Expired: false, _rv);
        }
    }

    private Subscriber AddSubscriberLocked(string? bucketKey, Action<StoreChange> sink)
    {
        var subscriber = new Subscriber(this, bucketKey, sink, _rv);
        _subscribers = [.. _subscribers, subscriber];
        return subscriber;
    }

    private void RemoveSubscriber(Subscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != subscriber).ToArray();
        }
    }

    /// <summary>Logs a committed change and queues it for delivery; called under the lock.</summary>
    private void Commit(StoreChange change)
    {
        LogOf(change.Object.Type).Add(change);
        _pending.Enqueue(change);
    }

    /// <summary>
    /// Delivers queued changes in order, outside the state lock. One thread delivers at a time; a callback that
    /// writes to the store re-enters here and returns at once, leaving its change to the loop already running.
    /// </summary>
    private void Deliver()
    {
        if (Volatile.Read(ref _deliveringThread) == Environment.CurrentManagedThreadId)
        {
            return;
        }

        lock (_deliveryGate)
        {
            Volatile.Write(ref _deliveringThread, Environment.CurrentManagedThreadId);
            try
            {
                while (TryDequeue(out var change, out var subscribers))
                {
                    foreach (var s in subscribers)
                    {
                        s.Offer(change);
                    }

                    Volatile.Write(ref _deliveredRv, change.ResourceVersion);
                }
            }
            finally
            {
                Volatile.Write(ref _deliveringThread, 0);
            }
        }
    }

    private bool TryDequeue(out StoreChange change, out Subscriber[] subscribers)
    {
        lock (_gate)
        {
            subscribers = _subscribers;
            return _pending.TryDequeue(out change!);
        }
    }

    private sealed class Subscriber(ObjectStore store, string? bucketKey, Action<StoreChange> sink, long startResourceVersion) : IDisposable
    {
        private volatile bool _disposed;

        public void Offer(StoreChange change)
        {
            if (_disposed || change.ResourceVersion <= startResourceVersion || (bucketKey is not null && bucketKey != BucketKey(change.Object.Type)))
            {
                return;
            }

            try
            {
                sink(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One failing subscriber must not break the write that triggered it, nor starve the others.
                Console.Error.WriteLine($"childctl-sandbox: store subscriber failed: {e.Message}");
            }
        }

        public void Dispose()
        {
            _disposed = true;
            store.RemoveSubscriber(this);
        }
    }
}
