using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// A de-duplicating FIFO of work for the controller's single worker, like controller-runtime's workqueue: an
/// item queued twice before it is taken runs once (forced if either request was). Also tells when the worker
/// has nothing left to do, which is how tests wait for the controller without sleeping.
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<WorkItem> _order = new();
    private readonly Dictionary<WorkItem, bool> _pending = [];
    private readonly SemaphoreSlim _signal = new(0);
    private bool _busy;
    private TaskCompletionSource? _idle;

    public void Add(WorkItem item, bool force)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(item, out var forced))
            {
                _pending[item] = forced || force;
                return;
            }

            _pending[item] = force;
            _order.Enqueue(item);
        }

        _signal.Release();
    }

    /// <summary>Waits for the next item and marks the worker busy until <see cref="Completed"/>.</summary>
    public async Task<(WorkItem Item, bool Force)> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.WaitAsync(cancellationToken);
            lock (_gate)
            {
                if (_order.TryDequeue(out var item))
                {
                    var force = _pending[item];
                    _pending.Remove(item);
                    _busy = true;
                    return (item, force);
                }
            }
        }
    }

    public void Completed()
    {
        lock (_gate)
        {
            _busy = false;
            if (_order.Count == 0 && _idle is { } idle)
            {
                _idle = null;
                idle.TrySetResult();
            }
        }
    }

    /// <summary>Completes when the queue is empty and the worker is not processing anything.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (!_busy && _order.Count == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    public void Dispose() => _signal.Dispose();
}

/// <summary>An object the controller has to look at.</summary>
internal readonly record struct WorkItem(ResourceType Type, string Namespace, string Name);
