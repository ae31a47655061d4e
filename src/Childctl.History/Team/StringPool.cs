using System.Text;

namespace Childctl.History.Team;

/// <summary>
/// One string per distinct short value while a batch of events is decoded: ten thousand events by a handful of users
/// on one cluster hold a handful of user, uid and server strings, not ten thousand copies of each.
/// </summary>
public sealed class StringPool
{
    private const int MaxPooledBytes = 128;
    private const int RecentSlots = 64;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    // The last value seen in each of a few slots (chosen by length and end bytes), compared as bytes: most lookups are
    // a value seen just before, found with no transcoding and no hashing.
    private readonly (byte[] Utf8, string Text)[] _recent = new (byte[], string)[RecentSlots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPooledBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var recent = ref _recent[utf8.IsEmpty ? 0 : ((utf8.Length * 31) + (utf8[0] * 7) + utf8[^1]) & (RecentSlots - 1)];
        if (recent.Utf8 is { } bytes && utf8.SequenceEqual(bytes))
        {
            return recent.Text;
        }

        Span<char> chars = stackalloc char[MaxPooledBytes];
        var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (!_strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var known))
        {
            known = text.ToString();
            _strings.Add(known);
        }

        recent = (utf8.ToArray(), known);
        return known;
    }
}
