using System.Security.Cryptography;
using System.Text;

namespace Childctl.History.Naming;

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
