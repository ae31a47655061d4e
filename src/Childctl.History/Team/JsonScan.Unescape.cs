using System.Numerics;
using System.Runtime.Intrinsics;

namespace Childctl.History.Team;

/// <summary>Strings decoded as they are delimited: the team read's stored values, mostly escaped quotes, in one pass.</summary>
internal ref partial struct JsonScan
{
    /// <summary>
    /// A string, unescaped into <paramref name="into"/> (at least <see cref="Remaining"/> bytes) while its end is found:
    /// one pass over values that are mostly escaped quotes, with no second walk to decode them. A lone surrogate escape
    /// becomes U+FFFD, as the .NET parser reads it; an escape JSON does not have fails.
    /// </summary>
    public bool UnescapedString(Span<byte> into, out int written)
    {
        written = 0;
        if (!IsString())
        {
            return Fail();
        }

        var json = _json;
        var i = _pos + 1;
        var quote = Vector128.Create((byte)'"');
        var backslash = Vector128.Create((byte)'\\');
        while (i < json.Length)
        {
            // Sixteen bytes at a time: copied as they are, up to the first quote or backslash, which is then seen to.
            while (i + 16 <= json.Length && written + 16 <= into.Length)
            {
                var block = Vector128.Create(json.Slice(i, 16));
                block.CopyTo(into[written..]);
                var special = (Vector128.Equals(block, quote) | Vector128.Equals(block, backslash)).ExtractMostSignificantBits();
                if (special == 0)
                {
                    i += 16;
                    written += 16;
                    continue;
                }

                var plain = BitOperations.TrailingZeroCount(special);
                i += plain;
                written += plain;
                break;
            }

            if (i >= json.Length)
            {
                break;
            }

            var b = json[i];
            if (b == (byte)'"')
            {
                _pos = i + 1;
                return true;
            }

            if (b != (byte)'\\')
            {
                into[written++] = b;
                i++;
                continue;
            }

            if (!JsonEscapes.TryDecode(json, ref i, into, ref written))
            {
                break;
            }
        }

        return Fail();
    }
}
