using System.Collections.Concurrent;

namespace Childctl.Testing;

/// <summary>
/// A clock for tests that never sleeps: <see cref="GetUtcNow"/> is fixed (so ages in golden files are stable),
/// and every timer fires at once on the thread pool, so retry backoff completes immediately. The delays that
/// were asked for are kept in <see cref="Delays"/> for tests to check.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly DateTimeOffset _now;

    public TestClock(DateTimeOffset now)
    {
        _now = now;
    }

    /// <summary>2026-09-02T12:00:00Z: a little after the shared example objects were written.</summary>
    public static DateTimeOffset DefaultNow { get; } = new(2026, 9, 2, 12, 0, 0, TimeSpan.Zero);

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    /// <summary>Raised when a timer is asked for, before it fires: tests use it to change the world between retries.</summary>
    public event Action<TimeSpan>? DelayRequested;

    public override DateTimeOffset GetUtcNow() => _now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            DelayRequested?.Invoke(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new InertTimer();
    }

    private sealed class InertTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
