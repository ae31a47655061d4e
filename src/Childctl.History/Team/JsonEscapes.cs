using System.Buffers;
using System.Globalization;
using System.Text;

namespace Childctl.History.Team;

/// <summary>
/// JSON string escapes decoded to UTF-8, for content nothing has validated: one rule for the team read's one-pass scan
/// (<see cref="JsonScan.UnescapedString"/>) and for a value's content unescaped after the fact (<see cref="TryUnescape"/>).
/// A lone surrogate becomes U+FFFD, as the .NET parser reads it; an escape JSON does not have, or one cut short, fails.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>The bytes <paramref name="content"/> (a string's content, between its quotes) stands for; never longer than it.</summary>
    public static bool TryUnescape(ReadOnlySpan<byte> content, Span<byte> into, out int written)
    {
        written = 0;
        var at = 0;
        while (true)
        {
            var slash = content[at..].IndexOf((byte)'\\');
            var plain = slash < 0 ? content[at..] : content.Slice(at, slash);
            plain.CopyTo(into[written..]);
            written += plain.Length;
            if (slash < 0)
            {
                return true;
            }

            at += slash;
            if (!TryDecode(content, ref at, into, ref written))
            {
                return false;
            }
        }
    }

    /// <summary>Decodes the escape at <paramref name="at"/> (its backslash) into <paramref name="into"/> and moves past it.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> text, ref int at, Span<byte> into, ref int written)
    {
        if (at + 1 >= text.Length)
        {
            return false;
        }

        var escape = text[at + 1];
        at += 2;
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
                default: return false;
            }

            into[written++] = decoded;
            return true;
        }

        if (!Hex4(text, at, out var code))
        {
            return false;
        }

        at += 4;
        if (char.IsHighSurrogate((char)code) && at + 1 < text.Length && text[at] == (byte)'\\' && text[at + 1] == (byte)'u'
            && Hex4(text, at + 2, out var low) && char.IsLowSurrogate((char)low))
        {
            code = char.ConvertToUtf32((char)code, (char)low);
            at += 6;
        }

        written += (Rune.IsValid(code) ? new Rune(code) : Rune.ReplacementChar).EncodeToUtf8(into[written..]);
        return true;
    }

    private static bool Hex4(ReadOnlySpan<byte> text, int at, out int code)
    {
        code = 0;
        return at + 4 <= text.Length && int.TryParse(text.Slice(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code);
    }
}

/// <summary>One buffer from the shared pool for the unescaped values of a read, grown (and the smaller one given back) when a value needs more.</summary>
internal struct PooledBytes : IDisposable
{
    private byte[]? _rented;

    public Span<byte> Span(int atLeast)
    {
        if (_rented is null || _rented.Length < atLeast)
        {
            Dispose();
            _rented = ArrayPool<byte>.Shared.Rent(Math.Max(atLeast, 4096));
        }

        return _rented;
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
