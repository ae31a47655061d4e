using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Auth;

/// <summary>
/// Bearer-token authentication with the users of the sandbox: an admin (group system:masters), a viewer (group
/// childctl:viewers) and a deleter who may read and delete k0rdent objects but not change them (group childctl:deleters); what each may do is <see cref="SandboxRbac"/>'s. Tokens are random per start and
/// compared in constant time. Tests (in-process only) may add more users, each with its own token and groups, to play
/// several operators against one sandbox.
/// </summary>
internal sealed class TokenAuthenticator
{
    private readonly ConcurrentDictionary<string, ApiUser> _added = new(StringComparer.Ordinal);

    public static readonly ApiUser Admin = new("sandbox-admin", [SandboxRbac.Masters, SandboxRbac.Authenticated]);
    public static readonly ApiUser Viewer = new("sandbox-viewer", [SandboxRbac.Viewers, SandboxRbac.Authenticated]);
    public static readonly ApiUser Deleter = new("sandbox-deleter", [SandboxRbac.Deleters, SandboxRbac.Authenticated]);

    public TokenAuthenticator()
    {
        AdminToken = "sbx-admin-" + RandomPart();
        ReadOnlyToken = "sbx-view-" + RandomPart();
        DeleterToken = "sbx-delete-" + RandomPart();
    }

    public string DeleterToken { get; }

    public string AdminToken { get; }

    public string ReadOnlyToken { get; }

    /// <summary>Adds a user with a fresh token (group system:authenticated is always added) and returns the token.</summary>
    public string AddUser(string name, IReadOnlyList<string> groups)
    {
        var token = "sbx-user-" + RandomPart();
        _added[token] = new ApiUser(name, [.. groups, SandboxRbac.Authenticated]);
        return token;
    }

    /// <summary>The user, or null for a missing or unknown token (401).</summary>
    public ApiUser? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim());
        if (CryptographicOperations.FixedTimeEquals(token, Encoding.UTF8.GetBytes(AdminToken)))
        {
            return Admin;
        }

        if (CryptographicOperations.FixedTimeEquals(token, Encoding.UTF8.GetBytes(DeleterToken)))
        {
            return Deleter;
        }

        if (CryptographicOperations.FixedTimeEquals(token, Encoding.UTF8.GetBytes(ReadOnlyToken)))
        {
            return Viewer;
        }

        // Users added by tests: a dictionary lookup (not constant time), which only in-process tests can reach.
        return _added.GetValueOrDefault(Encoding.UTF8.GetString(token));
    }

    private static string RandomPart() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
