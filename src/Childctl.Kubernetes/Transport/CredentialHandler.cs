using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Childctl.Kubernetes.Exec;
using k8s.Authentication;

namespace Childctl.Kubernetes.Transport;

/// <summary>
/// Puts the user's credential on each request, inside the request's deadline: a static token, a token file or basic auth
/// through the official client's <see cref="ServiceClientCredentials"/>, or a credential from an exec plugin. So an exec
/// plugin is bounded by --request-timeout like the rest of the exchange (kubectl's --request-timeout bounds it too), and
/// a hanging plugin is killed and named. On a 401 to an exec credential the plugin runs once more, ignoring its cached
/// credential, and the request is sent again, as client-go does; a second 401 names the plugin. The Impersonate-*
/// headers go on every request too, except one marked <see cref="AsAuthenticatedUser"/> (asking who the credentials
/// themselves belong to).
/// </summary>
internal sealed class CredentialHandler(ServiceClientCredentials? credentials, ExecCredentialProvider? exec, Impersonation impersonate, TimeSpan timeout, ManagementCluster cluster)
    : DelegatingHandler
{
    /// <summary>The caller's own token on the request: cancelling it (Ctrl-C) is not a timeout.</summary>
    public static readonly HttpRequestOptionsKey<CancellationToken> CallerToken = new("childctl.caller-token");

    /// <summary>Send this request without impersonation, as the credentials' own user.</summary>
    public static readonly HttpRequestOptionsKey<bool> AsAuthenticatedUser = new("childctl.as-authenticated-user");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!(request.Options.TryGetValue(AsAuthenticatedUser, out var real) && real))
        {
            impersonate.Apply(request.Headers);
        }

        if (exec is null)
        {
            if (credentials is not null)
            {
                await credentials.ProcessHttpRequestAsync(request, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }

        var used = await IssueAsync(request, ct => exec.CurrentAsync(ct), cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        await IssueAsync(request, ct => exec.RenewAsync(used, ct), cancellationToken);
        response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        using (response)
        {
            var message = ServerMessage(await response.Content.ReadAsStringAsync(cancellationToken));
            throw new KubernetesException(KubernetesErrorKind.PermissionDenied,
                $"the management cluster at {cluster.Server} (context \"{cluster.ContextName}\") rejected the credential of the plugin \"{exec.Command}\" " +
                $"(kubeconfig user \"{exec.User}\") with 401 Unauthorized{(message is null ? string.Empty : $" ({message})")}, also after running the plugin " +
                "again: run it by hand to see what it issues, log in again, or fix the user's exec section");
        }
    }

    private async Task<IssuedCredential> IssueAsync(HttpRequestMessage request, Func<CancellationToken, Task<IssuedCredential>> issue, CancellationToken cancellationToken)
    {
        IssuedCredential credential;
        try
        {
            credential = await issue(cancellationToken);
        }
        catch (OperationCanceledException e) when (!(request.Options.TryGetValue(CallerToken, out var caller) && caller.IsCancellationRequested))
        {
            throw new KubernetesException(KubernetesErrorKind.PermissionDenied,
                $"the credential plugin \"{exec!.Command}\" of kubeconfig user \"{exec.User}\" did not finish within the request timeout " +
                $"({timeout.TotalSeconds:0.###}s) and was stopped: run it by hand to see why, or raise --request-timeout if it needs longer (to log in)", e);
        }

        request.Headers.Authorization = credential.Token is { } token ? new AuthenticationHeaderValue("Bearer", token) : null;
        return credential;
    }

    private static string? ServerMessage(string body)
    {
        try
        {
            using var status = JsonDocument.Parse(body);
            return JsonPath.String(status.RootElement, "message");
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

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
