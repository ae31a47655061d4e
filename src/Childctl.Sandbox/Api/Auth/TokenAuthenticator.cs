using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Auth;

/// <summary>
/// Bearer-token authentication with the two users of the sandbox: an admin (group system:masters) and a viewer
/// (group childctl:viewers); what each may do is <see cref="SandboxRbac"/>'s. Tokens are random per start and
/// compared in constant time.
/// </summary>
internal sealed class TokenAuthenticator
{
    public static readonly ApiUser Admin = new("sandbox-admin", [SandboxRbac.Masters, SandboxRbac.Authenticated]);
    public static readonly ApiUser Viewer = new("sandbox-viewer", [SandboxRbac.Viewers, SandboxRbac.Authenticated]);

    public TokenAuthenticator()
    {
        AdminToken = "sbx-admin-" + RandomPart();
        ReadOnlyToken = "sbx-view-" + RandomPart();
    }

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

        return CryptographicOperations.FixedTimeEquals(token, Encoding.UTF8.GetBytes(ReadOnlyToken)) ? Viewer : null;
    }

    private static string RandomPart() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
