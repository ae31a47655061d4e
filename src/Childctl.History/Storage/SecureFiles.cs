namespace Childctl.History.Storage;

/// <summary>Creates history folders 0700 and files 0600, and makes new names durable.</summary>
internal static class SecureFiles
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        var parent = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(parent))
        {
            EnsureDirectory(parent);
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, DirectoryMode);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FilePaths.FileInTheWay(path) is { } file
                ? new HistoryException(HistoryErrorKind.Io, $"cannot create the history folder {path}: {file} is a file, not a folder; move it aside or choose another --history-dir", e) { Path = path }
                : HistoryException.Io(path, "create folder", e);
        }

        if (!string.IsNullOrEmpty(parent))
        {
            SyncDirectory(parent);
        }
    }

    public static FileStreamOptions NewFileOptions()
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>Writes a whole new file durably: temp file, fsync, then rename into place and fsync the folder.</summary>
    public static void CreateDurably(string path, ReadOnlySpan<byte> content)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, NewFileOptions()))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
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

    private static void TryDelete(string path)
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
}
