namespace Childctl.History.Storage;

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
