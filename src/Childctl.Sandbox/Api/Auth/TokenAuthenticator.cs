using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Auth;

/// <summary>
/// Bearer-token authentication with the users of the sandbox: an admin (group system:masters), a viewer (group
/// childctl:viewers) and a deleter who may read and delete k0rdent objects but not change them (group childctl:deleters); what each may do is <see cref="SandboxRbac"/>'s. Tokens are random per start and
/// compared in constant time.
/// </summary>
internal sealed class TokenAuthenticator
{
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

        return CryptographicOperations.FixedTimeEquals(token, Encoding.UTF8.GetBytes(ReadOnlyToken)) ? Viewer : null;
    }

    private static string RandomPart() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
