using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Childctl.History.Storage;

/// <summary>
/// The few libc calls .NET does not expose: a blocking <c>flock</c>, <c>open</c> with <c>O_NOFOLLOW</c> (a history file
/// that is a symbolic link is refused, never followed into another cluster's file), and <c>fsync</c> of a directory so
/// that a newly created file's name is durable. Linux and macOS only; the callers fall back elsewhere.
/// </summary>
internal static partial class Native
{
    public const int LockShared = 1;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int LockUnlock = 8;
    public const int WouldBlock = 11;
    public const int NoEntry = 2;
    public const int Interrupted = 4;
    public const int IsDirectory = 21;
    private const int ReadOnly = 0;
    private const int ReadWrite = 2;

    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>errno when <c>O_NOFOLLOW</c> meets a symbolic link.</summary>
    public static int TooManyLinks => OperatingSystem.IsMacOS() ? 62 : 40;

    private static int CreateFlag => OperatingSystem.IsMacOS() ? 0x200 : 0x40;

    private static int CloseOnExec => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    // The value differs between Linux's architectures: arm and arm64 use the old value of O_DIRECTORY's neighbour.
    private static int NoFollow => OperatingSystem.IsMacOS() ? 0x100
        : RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 ? 0x8000 : 0x20000;

    /// <summary>Opens (creating, mode 0600) a file for locking; .NET's FileStream would take its own shared flock.</summary>
    public static int OpenForLock(string path) => Open(path, ReadWrite | CreateFlag | CloseOnExec | NoFollow, Convert.ToInt32("600", 8));

    /// <summary>Opens an existing lock file for a shared lock, read-only, so that it works on a read-only disk too.</summary>
    public static int OpenForSharedLock(string path) => Open(path, ReadOnly | CloseOnExec | NoFollow, 0);

    /// <summary>Opens an existing file without following a symbolic link in its last component; -1 and errno on failure.</summary>
    public static int OpenNoFollow(string path, bool write) => Open(path, (write ? ReadWrite : ReadOnly) | CloseOnExec | NoFollow, 0);

    public static int OpenDirectory(string path) => Open(path, ReadOnly | CloseOnExec, 0);

    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());

    public static int LastErrorNumber() => Marshal.GetLastPInvokeError();

    /// <summary>True unless the process is known to be gone (kill with signal 0 answers ESRCH).</summary>
    public static bool ProcessMayBeAlive(int pid)
    {
        const int noSuchProcess = 3;
        return !Supported || Kill(pid, 0) == 0 || LastErrorNumber() != noSuchProcess;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

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

    /// <summary>
    /// A shared lock, for a reader that found what may be an append in progress: it waits for the writer to finish.
    /// Null when there is no lock file (so no writer) or it cannot be opened (a reader then goes on without waiting).
    /// Opens the lock file read-only and never creates it: reading works on a read-only or full disk.
    /// </summary>
    public static FileLock? TryAcquireShared(string lockPath)
    {
        if (!Native.Supported)
        {
            return null;
        }

        var fd = Native.OpenForSharedLock(lockPath);
        return fd < 0 ? null : Wait(fd, Native.LockShared, lockPath);
    }

    /// <summary>
    /// The lock a change in flight holds, shared with other changes and exclusive of a settler (created when missing);
    /// null where flock is not available (the hold then guards nothing across processes).
    /// </summary>
    public static FileLock? AcquireSharedCreating(string lockPath) => Native.Supported ? Wait(OpenCreating(lockPath), Native.LockShared, lockPath) : null;

    /// <summary>
    /// The exclusive lock a settler takes without waiting: null when another holder has it (a change is in flight).
    /// Where flock is not available it always succeeds with a lock that guards nothing.
    /// </summary>
    public static FileLock? TryAcquireExclusive(string lockPath)
    {
        if (!Native.Supported)
        {
            return new FileLock(-1, null);
        }

        var fd = OpenCreating(lockPath);
        while (Native.Flock(fd, Native.LockExclusive | Native.LockNonBlocking) != 0)
        {
            var errno = Native.LastErrorNumber();
            if (errno != Native.Interrupted)
            {
                var error = Native.LastError();
                _ = Native.Close(fd);
                return errno == Native.WouldBlock || errno == 35 ? null : throw new HistoryException(HistoryErrorKind.Io, $"cannot lock {lockPath}: {error}") { Path = lockPath };
            }
        }

        return new FileLock(fd, null);
    }

    private static int OpenCreating(string lockPath)
    {
        var fd = Native.OpenForLock(lockPath);
        if (fd < 0)
        {
            var problem = Native.LastErrorNumber() == Native.TooManyLinks ? "it is a symbolic link; childctl does not follow links in its history folder: remove it" : Native.LastError();
            throw new HistoryException(HistoryErrorKind.Io, $"cannot open lock file {lockPath}: {problem}") { Path = lockPath };
        }

        return fd;
    }

    private static FileLock AcquireFlock(string lockPath)
    {
        var fd = Native.OpenForLock(lockPath);
        if (fd < 0)
        {
            var problem = Native.LastErrorNumber() == Native.TooManyLinks ? "it is a symbolic link; childctl does not follow links in its history folder: remove it" : Native.LastError();
            throw new HistoryException(HistoryErrorKind.Io, $"cannot open lock file {lockPath}: {problem}") { Path = lockPath };
        }

        return Wait(fd, Native.LockExclusive, lockPath);
    }

    private static FileLock Wait(int fd, int operation, string lockPath)
    {
        while (Native.Flock(fd, operation) != 0)
        {
            // EINTR: a signal arrived while waiting; wait again.
            if (Native.LastErrorNumber() != Native.Interrupted)
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

/// <summary>
/// The writes that can fail on a full or broken disk, in one place: the store does every write, fsync and cut of a
/// history file through this, so tests can make any of them fail (after writing part of the bytes, as ENOSPC does)
/// without a full disk. Production code uses <see cref="Real"/>.
/// </summary>
internal class DiskIo
{
    public static readonly DiskIo Real = new();

    /// <summary>Writes all of <paramref name="bytes"/> at <paramref name="offset"/>; may write part of them before it throws.</summary>
    public virtual void Write(SafeFileHandle file, ReadOnlySpan<byte> bytes, long offset) => RandomAccess.Write(file, bytes, offset);

    /// <summary>fsync: returns once everything written to the file so far is on disk.</summary>
    public virtual void Flush(SafeFileHandle file) => RandomAccess.FlushToDisk(file);

    /// <summary>Cuts the file to <paramref name="length"/> bytes (a failed append's bytes, a torn tail).</summary>
    public virtual void SetLength(SafeFileHandle file, long length) => RandomAccess.SetLength(file, length);

    /// <summary>True when the failure means the disk is full (ENOSPC, EDQUOT): worded as such for the user.</summary>
    public static bool IsDiskFull(Exception e) =>
        e is IOException { HResult: 28 or 122 } || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);
}
