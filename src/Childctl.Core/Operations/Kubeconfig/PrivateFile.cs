using Childctl.Core.Errors;
using Childctl.History.Storage;

namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>
/// Writes files that hold credentials: mode 0600 from the moment they exist (never created wider and then
/// narrowed), missing folders (parents included) created 0700, and a replacement written beside the target and renamed
/// over it, so a reader never sees half a kubeconfig and a crash never leaves one.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; an existing file is replaced only when <paramref name="overwrite"/>.</summary>
    public static async Task WriteAsync(string path, string content, bool overwrite, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        RefuseFolder(full);
        if (!overwrite && File.Exists(full))
        {
            throw ChildctlException.InvalidInput($"{full} already exists: pass --force to overwrite it, or --merge to add the cluster to it");
        }

        var directory = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            CreateFolder(directory);
            await WriteNewAsync(temp, content, cancellationToken);
            File.Move(temp, full, overwrite);
        }
        catch (IOException e) when (!overwrite && File.Exists(full))
        {
            throw ChildctlException.InvalidInput($"{full} already exists: pass --force to overwrite it ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ChildctlException.InvalidInput($"cannot write {full}: {Why(directory, e)}");
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>A folder where a file is expected is bad input, said plainly (not as .NET's "is a directory").</summary>
    public static void RefuseFolder(string path)
    {
        if (Directory.Exists(path))
        {
            throw ChildctlException.InvalidInput($"{path} is a folder: give the path of a file");
        }
    }

    /// <summary>Creates a missing folder, and its missing parents, 0700 whatever the umask.</summary>
    public static void CreateFolder(string directory) => PrivateFolders.Create(directory);

    /// <summary>The nearest file that stands where a folder of <paramref name="folder"/>'s path should be, or null.</summary>
    public static string? FileInTheWay(string folder) => FilePaths.FileInTheWay(folder);

    /// <summary>The usual reasons in words: a file in the way of a folder, no permission; else the system's message.</summary>
    private static string Why(string directory, Exception error) =>
        FilePaths.FileInTheWay(directory) is { } file ? $"{file} is a file, so the folder {directory} cannot be created there"
        : error is UnauthorizedAccessException ? $"permission denied in {directory}"
        : error.Message;

    private static async Task WriteNewAsync(string path, string content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), cancellationToken);
        await writer.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }
}
