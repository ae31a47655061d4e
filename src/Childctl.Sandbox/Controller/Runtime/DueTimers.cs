namespace Childctl.Sandbox.Controller;

/// <summary>
/// One wake-up time per item and a single <see cref="ITimer"/> armed for the earliest, so that thousands of
/// simulated clusters cost one timer and no polling. Setting a new time for an item replaces the old one.
/// </summary>
internal sealed class DueTimers : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<WorkItem, DateTimeOffset> _heap = new();
    private readonly Dictionary<WorkItem, DateTimeOffset> _due = [];
    private readonly TimeProvider _time;
    private readonly Action<WorkItem> _fire;
    private readonly ITimer _timer;
    private bool _disposed;

    public DueTimers(TimeProvider time, Action<WorkItem> fire)
    {
        _time = time;
        _fire = fire;
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Wakes the item at <paramref name="at"/> (now, if that has passed); null cancels its wake-up.</summary>
    public void Set(WorkItem item, DateTimeOffset? at)
    {
        lock (_gate)
        {
            if (at is not { } time)
            {
                _due.Remove(item);
                return;
            }

            if (time > _time.GetUtcNow())
            {
                if (!_due.TryGetValue(item, out var existing) || existing != time)
                {
                    _due[item] = time;
                    _heap.Enqueue(item, time);
                    Arm();
                }

                return;
            }

            _due.Remove(item);
        }

        _fire(item);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void OnTimer()
    {
        var fired = new List<WorkItem>();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetUtcNow();
            while (_heap.TryPeek(out var item, out var at) && at <= now)
            {
                _heap.Dequeue();
                if (_due.TryGetValue(item, out var due) && due == at)
                {
                    _due.Remove(item);
                    fired.Add(item);
                }
            }

            Arm();
        }

        foreach (var item in fired)
        {
            _fire(item);
        }
    }

    /// <summary>Drops stale heap entries and arms the timer for the earliest live one. Called under the lock.</summary>
    private void Arm()
    {
        while (_heap.TryPeek(out var item, out var at) && !(_due.TryGetValue(item, out var due) && due == at))
        {
            _heap.Dequeue();
        }

        if (!_heap.TryPeek(out _, out var next))
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // Timers cannot wait longer than about 49 days; a far wake-up simply re-arms when this one fires.
        var delay = next - _time.GetUtcNow();
        delay = delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : delay;
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }
}
