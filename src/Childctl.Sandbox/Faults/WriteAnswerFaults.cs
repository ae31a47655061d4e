namespace Childctl.Sandbox.Faults;

/// <summary>
/// Faults of the answer to a write that the API has applied, to stand in for a reply lost on the way back (a dropped
/// connection, a proxy that times out) and for a slow admission webhook: the next <see cref="CutNext"/> writes are
/// applied and their connection is then aborted without an answer; while <see cref="Holding"/>, the answers of applied
/// writes wait until <see cref="Release"/> (or until the client gives up). Server-side dry runs are never touched.
/// Thread-safe; <see cref="WhenHeldAsync"/> lets a test act at the moment a write is applied and its answer held.
/// </summary>
public sealed class WriteAnswerFaults
{
    private readonly Lock _gate = new();
    private int _cutNext;
    private string? _verb;
    private TaskCompletionSource? _release;
    private TaskCompletionSource _held = NewSignal();

    /// <summary>How many of the next writes have their answer cut.</summary>
    public int CutNext
    {
        get
        {
            lock (_gate)
            {
                return _cutNext;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_gate)
            {
                _cutNext = value;
            }
        }
    }

    /// <summary>Only writes of this verb (create, update, patch, delete) are cut or held; null: every write.</summary>
    public string? Verb
    {
        get
        {
            lock (_gate)
            {
                return _verb;
            }
        }

        set
        {
            lock (_gate)
            {
                _verb = value;
            }
        }
    }

    public bool Holding
    {
        get
        {
            lock (_gate)
            {
                return _release is not null;
            }
        }
    }

    /// <summary>From now on, answers of applied writes wait for <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _release ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets every held answer go, and stops holding.</summary>
    public void Release()
    {
        TaskCompletionSource? release;
        lock (_gate)
        {
            (release, _release) = (_release, null);
            _held = NewSignal();
        }

        release?.TrySetResult();
    }

    /// <summary>Completes once a write has been applied and its answer is being held.</summary>
    public Task WhenHeldAsync()
    {
        lock (_gate)
        {
            return _held.Task;
        }
    }

    public void Reset()
    {
        CutNext = 0;
        Verb = null;
        Release();
    }

    /// <summary>For an applied write: whether to cut its answer, else what to wait for before sending it (null: nothing).</summary>
    internal (bool Cut, Task? Wait) Take(string verb)
    {
        lock (_gate)
        {
            if (_verb is not null && _verb != verb)
            {
                return (false, null);
            }

            if (_cutNext > 0)
            {
                _cutNext--;
                return (true, null);
            }

            if (_release is { } release)
            {
                _held.TrySetResult();
                return (false, release.Task);
            }

            return (false, null);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
