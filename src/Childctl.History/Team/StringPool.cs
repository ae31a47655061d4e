using System.Text;

namespace Childctl.History.Team;

/// <summary>
/// One string per distinct short value while a batch of events is decoded: ten thousand events by a handful of users
/// on one cluster hold a handful of user, uid and server strings, not ten thousand copies of each.
/// </summary>
public sealed class StringPool
{
    private const int MaxPooledBytes = 128;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxPooledBytes];
        var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (_strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var known))
        {
            return known;
        }

        var added = text.ToString();
        _strings.Add(added);
        return added;
    }
}
