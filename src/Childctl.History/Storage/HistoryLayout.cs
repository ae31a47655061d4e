using System.Security.Cryptography;
using System.Text;
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

/// <summary>
/// Validates namespaces (DNS-1123 labels) and cluster names (DNS-1123 subdomains) before they become path
/// segments: only <c>a-z 0-9 - .</c>, no empty labels, so no traversal (<c>..</c>, <c>/</c>) and no odd characters.
/// </summary>
public static class KubernetesNames
{
    private const int MaxLabel = 63;

    // A file name is "<name>.yaml" and must fit in 255 bytes.
    private const int MaxClusterName = 250;

    private const string NamespaceRule = "a DNS label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit";

    public static void ValidateNamespace(string? value)
    {
        if (!IsLabel(value))
        {
            throw Invalid("namespace", value, NamespaceRule);
        }
    }

    /// <summary>What is wrong with a namespace, in the words <see cref="ValidateNamespace"/> uses, or null when it is valid.</summary>
    public static string? NamespaceProblem(string? value) => IsLabel(value) ? null : Invalid("namespace", value, NamespaceRule).Message;

    private const string ClusterNameRule = "a DNS subdomain: lower-case letters, digits, '-' and '.', at most 250 characters, starting and ending with a letter or digit";

    public static void ValidateClusterName(string? value)
    {
        if (!IsClusterName(value))
        {
            throw Invalid("cluster name", value, ClusterNameRule);
        }
    }

    /// <summary>What is wrong with a cluster name, in the words <see cref="ValidateClusterName"/> uses, or null when it is valid.</summary>
    public static string? ClusterNameProblem(string? value) => IsClusterName(value) ? null : Invalid("cluster name", value, ClusterNameRule).Message;

    private static bool IsClusterName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxClusterName && value.Split('.').All(IsSubdomainPart);

    public static bool IsLabel(string? value) => !string.IsNullOrEmpty(value) && value.Length <= MaxLabel && IsSubdomainPart(value);

    private static bool IsSubdomainPart(string part) =>
        part.Length is > 0 and <= MaxLabel
        && IsAlnum(part[0])
        && IsAlnum(part[^1])
        && part.All(c => IsAlnum(c) || c == '-');

    private static bool IsAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static HistoryException Invalid(string what, string? value, string rule)
    {
        var shown = value is null ? "(none)" : $"\"{Printable(value)}\"";
        return new HistoryException(HistoryErrorKind.InvalidName, $"invalid {what} {shown}: it must be {rule}");
    }

    private static string Printable(string value)
    {
        var clipped = value.Length > 80 ? value[..80] + "..." : value;
        return string.Concat(clipped.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}

/// <summary>
/// Turns a kubeconfig cluster name (free text: EKS ARNs hold ':' and '/') into one safe directory name.
/// Safe names map to themselves; any other name keeps its safe characters and gains a hash of the
/// original, so two different names never share a folder by accident. The store also records the original
/// name inside the folder and checks it (see <c>Storage.HistoryLayout</c>), which catches the rest.
/// </summary>
public static class ManagementClusterSegment
{
    private const int MaxStem = 80;

    public static string For(string clusterName, int hashChars = 8)
    {
        if (string.IsNullOrEmpty(clusterName))
        {
            throw new HistoryException(HistoryErrorKind.InvalidName, "the kubeconfig cluster name is empty: history needs a management cluster name");
        }

        if (IsSafe(clusterName) && hashChars == 8)
        {
            return clusterName;
        }

        var stem = new StringBuilder(clusterName.Length);
        foreach (var c in clusterName)
        {
            stem.Append(IsSafeChar(c) ? c : '_');
        }

        var text = stem.ToString().TrimStart('.', '-');
        if (text.Length > MaxStem)
        {
            text = text[..MaxStem];
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clusterName)))[..hashChars];
        return text.Length == 0 ? $"mc-{hash}" : $"{text}-{hash}";
    }

    /// <summary>Letters, digits, '.', '_' and '-', not starting with '.' or '-', at most 80 characters.</summary>
    public static bool IsSafe(string name) =>
        name.Length is > 0 and <= MaxStem
        && name[0] is not ('.' or '-')
        && name.All(IsSafeChar);

    private static bool IsSafeChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
