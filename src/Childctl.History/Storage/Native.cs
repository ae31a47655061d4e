using System.Runtime.InteropServices;

namespace Childctl.History.Storage;

/// <summary>
/// The few libc calls .NET does not expose: a blocking <c>flock</c>, and <c>fsync</c> of a directory so that
/// a newly created file's name is durable. Linux and macOS only; the callers fall back elsewhere.
/// </summary>
internal static partial class Native
{
    public const int LockExclusive = 2;
    public const int LockUnlock = 8;
    private const int ReadOnly = 0;
    private const int ReadWrite = 2;

    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    private static int CreateFlag => OperatingSystem.IsMacOS() ? 0x200 : 0x40;

    private static int CloseOnExec => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    /// <summary>Opens (creating, mode 0600) a file for locking; .NET's FileStream would take its own shared flock.</summary>
    public static int OpenForLock(string path) => Open(path, ReadWrite | CreateFlag | CloseOnExec, Convert.ToInt32("600", 8));

    public static int OpenDirectory(string path) => Open(path, ReadOnly | CloseOnExec, 0);

    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());

    public static int LastErrorNumber() => Marshal.GetLastPInvokeError();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
