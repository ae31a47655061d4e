using System.Security.Cryptography;
using System.Text;

namespace Childctl.History.Events;

/// <summary>Event ids: ULIDs, so ids sort by time. Deterministic ids (legacy import) hash their content.</summary>
public static class EventIds
{
    public static string New(DateTimeOffset timestamp) => Ulid.NewUlid(timestamp).ToString();

    /// <summary>
    /// The same content always gives the same id, so importing the same legacy entry twice is a no-op.
    /// The time part keeps the id sortable; the rest is the first 80 bits of SHA-256 of <paramref name="content"/>.
    /// </summary>
    public static string Deterministic(DateTimeOffset timestamp, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(content), hash);
        var clamped = timestamp < DateTimeOffset.UnixEpoch ? DateTimeOffset.UnixEpoch : timestamp;
        return Ulid.NewUlid(clamped, hash[..10]).ToString();
    }
}
