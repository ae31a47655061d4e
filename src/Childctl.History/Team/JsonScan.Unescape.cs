using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;

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

            if (i + 1 >= json.Length)
            {
                break;
            }

            var escape = json[i + 1];
            i += 2;
            if (escape != (byte)'u')
            {
                byte decoded;
                switch (escape)
                {
                    case (byte)'n': decoded = (byte)'\n'; break;
                    case (byte)'t': decoded = (byte)'\t'; break;
                    case (byte)'r': decoded = (byte)'\r'; break;
                    case (byte)'b': decoded = (byte)'\b'; break;
                    case (byte)'f': decoded = (byte)'\f'; break;
                    case (byte)'"' or (byte)'\\' or (byte)'/': decoded = escape; break;
                    default: return Fail();
                }

                into[written++] = decoded;
                continue;
            }

            if (!Hex4(json, i, out var code))
            {
                break;
            }

            i += 4;
            if (char.IsHighSurrogate((char)code) && i + 1 < json.Length && json[i] == (byte)'\\' && json[i + 1] == (byte)'u'
                && Hex4(json, i + 2, out var low) && char.IsLowSurrogate((char)low))
            {
                code = char.ConvertToUtf32((char)code, (char)low);
                i += 6;
            }

            written += (Rune.IsValid(code) ? new Rune(code) : Rune.ReplacementChar).EncodeToUtf8(into[written..]);
        }

        return Fail();
    }

    private static bool Hex4(ReadOnlySpan<byte> json, int at, out int code)
    {
        code = 0;
        return at + 4 <= json.Length && int.TryParse(json.Slice(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code);
    }
}
