namespace Childctl.Kubernetes;

/// <summary>
/// The API server's rules for label and annotation keys (a qualified name: an optional DNS-subdomain prefix and
/// '/', then a name of at most 63 characters) and label values, checked before a write so that a bad key is one
/// clear message rather than a 422. Returns null when valid, else what is wrong.
/// </summary>
public static class LabelRules
{
    private const int NameMax = 63;
    private const int PrefixMax = 253;

    public static string? KeyProblem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length is 0 or > PrefixMax || !prefix.Split('.').All(IsDnsLabel))
            {
                return $"the prefix \"{prefix}\" must be a DNS subdomain (lower-case letters, digits, '-' and '.')";
            }
        }

        return IsQualifiedName(name)
            ? null
            : $"\"{name}\" must be 1-{NameMax} letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    }

    public static string? ValueProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 || IsQualifiedName(value)
            ? null
            : $"the value \"{value}\" must be empty or up to {NameMax} letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    }

    private static bool IsQualifiedName(string name) =>
        name.Length is > 0 and <= NameMax
        && char.IsAsciiLetterOrDigit(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsDnsLabel(string part) =>
        part.Length is > 0 and <= NameMax
        && (char.IsAsciiLetterLower(part[0]) || char.IsAsciiDigit(part[0]))
        && (char.IsAsciiLetterLower(part[^1]) || char.IsAsciiDigit(part[^1]))
        && part.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
