using System.Net.Http.Headers;
using System.Text;
using Childctl.Kubernetes.Transport;

namespace Childctl.Kubernetes.Identity;

/// <summary>
/// Whom requests act as, as kubectl sets it: the kubeconfig user's <c>as</c>, <c>as-groups</c>, <c>as-uid</c> and
/// <c>as-user-extra</c>, overridden field by field by <c>--as</c>, <c>--as-group</c> and <c>--as-uid</c>. Sent as
/// Impersonate-* headers on every request, so the server authorises each request as the impersonated user (the
/// credentials' own user needs the "impersonate" verb). A group, uid or extra without a user is refused before any
/// request, with kubectl's words.
/// </summary>
public sealed record Impersonation(
    string? User,
    IReadOnlyList<string> Groups,
    string? Uid,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";
    public const string UidHeader = "Impersonate-Uid";
    public const string ExtraHeaderPrefix = "Impersonate-Extra-";

    /// <summary>No impersonation: requests act as the credentials' own user.</summary>
    public static readonly Impersonation None = new(null, [], null, new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Whether anything is impersonated (then every request carries the headers).</summary>
    public bool IsRequested => !string.IsNullOrEmpty(User) || Groups.Count > 0 || !string.IsNullOrEmpty(Uid) || Extra.Count > 0;

    /// <summary>
    /// The kubeconfig's impersonation with the flags laid over it, as kubectl merges them: a flag that was given
    /// replaces that field (all groups at once); fields without a flag keep the kubeconfig's value.
    /// </summary>
    public Impersonation With(Impersonation? flags) => flags is null ? this : this with
    {
        User = string.IsNullOrEmpty(flags.User) ? User : flags.User,
        Groups = flags.Groups.Count > 0 ? flags.Groups : Groups,
        Uid = string.IsNullOrEmpty(flags.Uid) ? Uid : flags.Uid,
        Extra = flags.Extra.Count > 0 ? flags.Extra : Extra,
    };

    /// <summary>Whether a header carries more than one value (groups, or one extra key's values): each must go on its own line.</summary>
    public bool HasRepeatedValues => Groups.Count > 1 || Extra.Values.Any(v => v.Count > 1);

    /// <summary>kubectl's check: groups, a uid or extras need a user to impersonate.</summary>
    public void Validate(string? kubeconfigUser)
    {
        if (string.IsNullOrEmpty(User) && IsRequested)
        {
            throw KubernetesException.InvalidInput(
                $"requesting uid, groups or user-extra for {kubeconfigUser} without impersonating a user: pass --as USER, or set as: in the kubeconfig user");
        }
    }

    /// <summary>
    /// Adds the Impersonate-* headers (none when nothing is impersonated): one Impersonate-Group per group and one
    /// Impersonate-Extra-KEY per value, as client-go sends them, each on its own line (<see cref="RepeatedHeaders"/>).
    /// </summary>
    public void Apply(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!IsRequested)
        {
            return;
        }

        Add(headers, UserHeader, User);
        RepeatedHeaders.Add(headers, GroupHeader, Groups);
        Add(headers, UidHeader, Uid);
        foreach (var (key, values) in Extra)
        {
            RepeatedHeaders.Add(headers, ExtraHeaderPrefix + EscapeKey(key), values);
        }
    }

    /// <summary>As client-go's headerKeyEscape: bytes that are not legal in a header name, and '%', become %XX.</summary>
    public static string EscapeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var escaped = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            if (b != '%' && (char.IsAsciiLetterOrDigit((char)b) || "!#$&'*+-.^_`|~".Contains((char)b, StringComparison.Ordinal)))
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }

    private static void Add(HttpRequestHeaders headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }

    public bool Equals(Impersonation? other) =>
        other is not null && User == other.User && Uid == other.Uid && Groups.SequenceEqual(other.Groups)
        && Extra.Count == other.Extra.Count && Extra.All(e => other.Extra.TryGetValue(e.Key, out var v) && v.SequenceEqual(e.Value));

    public override int GetHashCode() => HashCode.Combine(User, Uid, Groups.Count, Extra.Count);
}

/// <summary>
/// Who the API server says the requests are: <see cref="User"/> as they act (the impersonated user when there is
/// impersonation), and <see cref="AuthenticatedUser"/>, the credentials' own user, only when it differs by impersonation.
/// </summary>
public sealed record ApiIdentity(string? User, string? AuthenticatedUser);
