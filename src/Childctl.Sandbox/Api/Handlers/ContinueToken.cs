using System.Text;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>
/// The opaque list continuation: the position (namespace, name) after which the next page starts. Pages are read
/// from the current state, not from a snapshot at the first page's resourceVersion (a documented gap).
/// </summary>
internal static class ContinueToken
{
    public static string Encode(StoredObject last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{last.Namespace}\0{last.Name}"));

    public static string Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.Contains('\0', StringComparison.Ordinal) ? text : throw new FormatException();
        }
        catch (FormatException)
        {
            throw ApiErrors.BadRequest($"continue key is not valid: {token}");
        }
    }

    public static string PositionOf(StoredObject o) => $"{o.Namespace}\0{o.Name}";
}
