using Childctl.History.Naming;
using Childctl.History.Store;

namespace Childctl.History.Storage;

/// <summary>
/// <c>&lt;root&gt;/&lt;management-cluster&gt;/&lt;namespace&gt;/&lt;name&gt;.yaml</c>. Each management-cluster folder holds a
/// <c>.management-cluster</c> file with the original kubeconfig name, so a sanitised folder name that another
/// cluster already uses is noticed and a longer hash is taken instead.
/// </summary>
internal sealed class HistoryLayout
{
    public const string Extension = ".yaml";
    private const string MarkerName = ".management-cluster";

    // Folders already matched to their marker; a marker is never rewritten, so a match stays true.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _resolved = new(StringComparer.Ordinal);

    public HistoryLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string FilePath(HistoryStreamId stream) =>
        Path.Combine(ManagementClusterDirectory(stream.ManagementCluster, create: false), stream.Namespace, stream.Name + Extension);

    public static string LockPath(string filePath) =>
        Path.Combine(Path.GetDirectoryName(filePath)!, "." + Path.GetFileName(filePath) + ".lock");

    /// <summary>The lock file that changes in flight hold (shared) and a settler of unfinished changes takes (exclusive).</summary>
    public static string ChangesLockPath(string filePath) =>
        Path.Combine(Path.GetDirectoryName(filePath)!, "." + Path.GetFileName(filePath) + ".changes");

    /// <summary>The folder for a management cluster; with <paramref name="create"/>, made (0700) and marked.</summary>
    public string ManagementClusterDirectory(string clusterName, bool create)
    {
        if (_resolved.TryGetValue(clusterName, out var known))
        {
            return known;
        }

        foreach (var hashChars in new[] { 8, 16, 32, 64 })
        {
            var dir = Path.Combine(Root, ManagementClusterSegment.For(clusterName, hashChars));
            var owner = ReadMarker(dir);
            if (owner is null && !create)
            {
                return dir;
            }

            if (owner == clusterName || (owner is null && ClaimMarker(dir, clusterName)))
            {
                _resolved[clusterName] = dir;
                return dir;
            }
        }

        throw new HistoryException(HistoryErrorKind.Io, $"no free history folder for management cluster \"{clusterName}\" under {Root}");
    }

    public IReadOnlyList<(string Name, string Directory)> ManagementClusters()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(Root)
            .Select(dir => (Name: ReadMarker(dir) ?? Path.GetFileName(dir), Directory: dir))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static IEnumerable<(string Namespace, string Name, string Path)> Files(string managementClusterDirectory, string? ns = null, string? name = null)
    {
        if (!Directory.Exists(managementClusterDirectory))
        {
            yield break;
        }

        foreach (var nsDir in Directory.EnumerateDirectories(managementClusterDirectory).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetFileName(nsDir);
            if (!KubernetesNames.IsLabel(folder) || (ns is not null && folder != ns))
            {
                continue;
            }

            // With a name, probe its one file rather than list the folder (thousands of clusters). A folder or link in a
            // file's place is listed too: reading it reports the problem instead of hiding the cluster's history.
            var files = name is null
                ? Directory.EnumerateFileSystemEntries(nsDir, "*" + Extension).Order(StringComparer.Ordinal)
                : new[] { Path.Combine(nsDir, name + Extension) }.Where(p => File.Exists(p) || Directory.Exists(p) || new FileInfo(p).LinkTarget is not null);
            foreach (var file in files)
            {
                var stem = Path.GetFileNameWithoutExtension(file);
                if (!stem.StartsWith('.'))
                {
                    yield return (folder, stem, file);
                }
            }
        }
    }

    /// <summary>Writes the marker unless another process won the race; true when the folder is ours.</summary>
    private static bool ClaimMarker(string dir, string clusterName)
    {
        SecureFiles.EnsureDirectory(dir);
        SecureFiles.RemoveStrayTemps(dir, MarkerName);
        try
        {
            SecureFiles.CreateDurably(Path.Combine(dir, MarkerName), System.Text.Encoding.UTF8.GetBytes(clusterName + "\n"), DiskIo.Real);
        }
        catch (HistoryException) when (ReadMarker(dir) is not null)
        {
            // Another process created it first; whose it is decides below.
        }

        return ReadMarker(dir) == clusterName;
    }

    private static string? ReadMarker(string dir)
    {
        var marker = Path.Combine(dir, MarkerName);
        try
        {
            return File.Exists(marker) ? File.ReadAllText(marker).TrimEnd('\n') : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
