namespace Childctl.History.Storage;

/// <summary>
/// An exclusive lock shared by every process and thread that appends to one history file: <c>flock(LOCK_EX)</c>
/// on a lock file beside it. flock locks belong to the open file, so two opens in one process exclude each
/// other too, and the kernel drops the lock when its holder dies (even by SIGKILL), so a crash never leaves
/// the history locked. On systems without flock it falls back to an exclusive FileStream, retried.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly int _fd = -1;
    private readonly FileStream? _fallback;

    private FileLock(int fd, FileStream? fallback)
    {
        _fd = fd;
        _fallback = fallback;
    }

    public static FileLock Acquire(string lockPath, CancellationToken cancellationToken)
    {
        return Native.Supported ? AcquireFlock(lockPath) : AcquireFallback(lockPath, cancellationToken);
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            // Closing the descriptor releases the flock.
            _ = Native.Close(_fd);
        }

        _fallback?.Dispose();
    }

    private static FileLock AcquireFlock(string lockPath)
    {
        var fd = Native.OpenForLock(lockPath);
        if (fd < 0)
        {
            throw new HistoryException(HistoryErrorKind.Io, $"cannot open lock file {lockPath}: {Native.LastError()}") { Path = lockPath };
        }

        while (Native.Flock(fd, Native.LockExclusive) != 0)
        {
            const int interrupted = 4; // EINTR: a signal arrived while waiting; wait again
            if (Native.LastErrorNumber() != interrupted)
            {
                var error = Native.LastError();
                _ = Native.Close(fd);
                throw new HistoryException(HistoryErrorKind.Io, $"cannot lock {lockPath}: {error}") { Path = lockPath };
            }
        }

        return new FileLock(fd, null);
    }

    private static FileLock AcquireFallback(string lockPath, CancellationToken cancellationToken)
    {
        var delay = 1;
        while (true)
        {
            try
            {
                return new FileLock(-1, new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 50);
            }
        }
    }
}
