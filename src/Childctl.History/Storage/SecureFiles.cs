using Microsoft.Win32.SafeHandles;

namespace Childctl.History.Storage;

/// <summary>
/// Creates history folders 0700 and files 0600 whatever the umask, makes new names durable, opens history files
/// without following symbolic links, and removes the temporary files of creations that a kill interrupted.
/// </summary>
internal static class SecureFiles
{
    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersBits = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder and any missing parents, each exactly 0700 (<see cref="PrivateFolders"/>), as history's error.</summary>
    public static void EnsureDirectory(string path)
    {
        try
        {
            PrivateFolders.Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FilePaths.FileInTheWay(path) is { } file
                ? HistoryException.FileInTheWay(path, "create the history folder", file, e)
                : HistoryException.Io(path, "create folder", e);
        }
    }

    /// <summary>
    /// Writes a whole new file durably: a temporary file (0600), fsync, then rename into place and fsync the folder,
    /// so a crash never leaves a half-created file under <paramref name="path"/>. Callers that hold the stream's lock
    /// pass a fixed <paramref name="temp"/> name, which the next creation simply replaces if a kill left it behind.
    /// </summary>
    public static void CreateDurably(string path, ReadOnlySpan<byte> content, DiskIo io, string? temp = null)
    {
        var fixedTemp = temp is not null;
        temp ??= $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = fixedTemp ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            using (var stream = new FileStream(temp, options))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, PrivateFile); // exactly 0600, whatever the umask
                }

                io.Write(stream.SafeFileHandle, content, 0);
                io.Flush(stream.SafeFileHandle);
            }

            File.Move(temp, path, overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw HistoryException.Io(path, "create", e);
        }

        SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>
    /// Opens an existing history file without following a symbolic link; null when there is none. A link, a folder
    /// or anything else that is not a plain file is refused with a message that says what to do.
    /// </summary>
    public static SafeFileHandle? OpenExisting(string path, bool write)
    {
        if (!Native.Supported)
        {
            if (Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                throw NotAFile(path);
            }

            return File.Exists(path) ? File.OpenHandle(path, FileMode.Open, write ? FileAccess.ReadWrite : FileAccess.Read, FileShare.ReadWrite | FileShare.Delete) : null;
        }

        var fd = Native.OpenNoFollow(path, write);
        if (fd < 0)
        {
            var errno = Native.LastErrorNumber();
            return errno switch
            {
                Native.NoEntry => null,
                Native.IsDirectory => throw NotAFile(path),
                _ when errno == Native.TooManyLinks => throw NotAFile(path),
                _ when FilePaths.FileInTheWay(Path.GetDirectoryName(path) ?? path) is { } file =>
                    throw HistoryException.FileInTheWay(path, write ? "append to" : "read", file, new IOException(Native.LastError())),
                _ => throw new HistoryException(HistoryErrorKind.Io, $"cannot {(write ? "append to" : "read")} {path}: {Native.LastError()}") { Path = path },
            };
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Directory.Exists(path))
        {
            handle.Dispose(); // a folder opened read-only: readable as a descriptor, not as history
            throw NotAFile(path);
        }

        return handle;
    }

    /// <summary>Tightens a file that others may read to 0600; returns the warning to show, or null when it was private.</summary>
    public static string? TightenToPrivate(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(handle);
        if ((mode & OthersBits) == 0)
        {
            return null;
        }

        File.SetUnixFileMode(handle, PrivateFile);
        return $"history file {path} was readable by others (mode {Octal(mode)}); it is now 0600";
    }

    /// <summary>
    /// Deletes <c>&lt;name&gt;.&lt;pid&gt;.&lt;guid&gt;.tmp</c> files in a folder whose creating process is gone: what a kill during
    /// <see cref="CreateDurably"/> leaves. A temp file of a live process is left to it.
    /// </summary>
    public static void RemoveStrayTemps(string directory, string stem)
    {
        IEnumerable<string> temps;
        try
        {
            temps = Directory.EnumerateFiles(directory, stem + ".*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var temp in temps)
        {
            var parts = Path.GetFileName(temp)[(stem.Length + 1)..].Split('.');
            if (parts.Length == 3 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var pid) && !Native.ProcessMayBeAlive(pid))
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>fsync of a folder, so a rename or creation inside it survives a power loss.</summary>
    public static void SyncDirectory(string path)
    {
        if (!Native.Supported)
        {
            return;
        }

        var fd = Native.OpenDirectory(path);
        if (fd >= 0)
        {
            _ = Native.Fsync(fd);
            _ = Native.Close(fd);
        }
    }

    /// <summary>
    /// Writes a small file whole (temp, then rename, 0600), so a reader never sees half of it. A failure is ignored: such
    /// a file holds a hint (the team store's state, a chunk number) that is learnt again without it.
    /// </summary>
    public static void WriteHint(string path, string text)
    {
        try
        {
            EnsureDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temp, text);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, PrivateFile);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A hint only: without it the next command asks again.
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray *.tmp is never read as history.
        }
    }

    private static HistoryException NotAFile(string path)
    {
        var what = Directory.Exists(path) ? "a folder" : new FileInfo(path).LinkTarget is { } target ? $"a symbolic link (to {target})" : "not a plain file";
        return new HistoryException(HistoryErrorKind.Io,
            $"history file {path} is {what}; childctl reads and appends only plain files and never follows links in its history folder: move it aside (or put the file itself there)")
        { Path = path };
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}

/// <summary>Path facts for error messages that say what is wrong in words instead of quoting the system's exception.</summary>
public static class FilePaths
{
    /// <summary>The file that stands where <paramref name="path"/> or one of its parent folders should be, if any.</summary>
    public static string? FileInTheWay(string path)
    {
        for (var p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }
}

/// <summary>
/// The one way childctl creates folders: each missing folder of the path, parents included, exactly 0700 whatever the
/// umask (the umask can only take bits away, so the mode is set after creation), and each new name made durable in its
/// parent. History folders, the team outbox, the parents of kubeconfig files and the sandbox's state folder use it.
/// </summary>
public static class PrivateFolders
{
    /// <summary>Creates <paramref name="path"/> and any missing parents 0700; one that exists is left as it is.</summary>
    /// <exception cref="IOException">A file stands in the way, or the file system refused.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to create a folder there.</exception>
    public static void Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return;
        }

        var parent = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(parent))
        {
            Create(parent);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Another process may create it at the same moment: CreateDirectory then succeeds, and the mode is set either way.
        Directory.CreateDirectory(path, SecureFiles.PrivateFolder);
        File.SetUnixFileMode(path, SecureFiles.PrivateFolder);
        if (!string.IsNullOrEmpty(parent))
        {
            SecureFiles.SyncDirectory(parent);
        }
    }
}
