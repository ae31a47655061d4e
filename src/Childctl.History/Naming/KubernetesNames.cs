using System.Security.Cryptography;
using System.Text;

namespace Childctl.History.Naming;

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
