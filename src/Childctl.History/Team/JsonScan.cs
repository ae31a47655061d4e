using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Childctl.History.Team;

/// <summary>
/// A forward-only walk over JSON bytes that delimits strings without validating them and skips values by their
/// brackets: the least a reader of a known shape needs. Every step either moves on or fails, and once failed every step
/// fails, so loops over it always end; what it accepts beyond JSON (a lone comma, mismatched brackets inside a skipped
/// value) is never misread as data of the shape the reader asks for.
/// </summary>
internal ref partial struct JsonScan(ReadOnlySpan<byte> json)
{
    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> ScalarEnd = SearchValues.Create(",}] \t\r\n"u8);
    private readonly ReadOnlySpan<byte> _json = json;
    private int _pos;
    private bool _justOpened;

    public bool Failed { get; private set; }

    /// <summary>Consumes <paramref name="open"/> (<c>{</c> or <c>[</c>); false, without failing, when the next value is something else.</summary>
    public bool Enter(byte open)
    {
        SkipSpace();
        if (Failed || _pos >= _json.Length || _json[_pos] != open)
        {
            return false;
        }

        _pos++;
        _justOpened = true;
        return true;
    }

    /// <summary>True when another member or element follows (its separating comma consumed); false at <paramref name="close"/>, consumed.</summary>
    public bool Next(byte close)
    {
        SkipSpace();
        if (Failed || _pos >= _json.Length)
        {
            return Fail();
        }

        if (_json[_pos] == close)
        {
            _pos++;
            _justOpened = false;
            return false;
        }

        if (!_justOpened)
        {
            if (_json[_pos] != (byte)',')
            {
                return Fail();
            }

            _pos++;
        }

        _justOpened = false;
        return true;
    }

    /// <summary>A member's name and its colon.</summary>
    public bool Name(out ReadOnlySpan<byte> raw, out bool escaped)
    {
        if (!String(out raw, out escaped))
        {
            return false;
        }

        SkipSpace();
        if (_pos >= _json.Length || _json[_pos] != (byte)':')
        {
            return Fail();
        }

        _pos++;
        return true;
    }

    public bool IsString()
    {
        SkipSpace();
        return !Failed && _pos < _json.Length && _json[_pos] == (byte)'"';
    }

    /// <summary>A string's raw content, between its quotes; <paramref name="escaped"/> when it has backslash escapes.</summary>
    public bool String(out ReadOnlySpan<byte> raw, out bool escaped)
    {
        raw = default;
        escaped = false;
        if (!IsString())
        {
            return Fail();
        }

        // Sixteen bytes at a time to the next quote or backslash (most strings here are short: a call to a general search
        // costs more than the string), then byte by byte for the last few.
        var json = _json;
        var start = _pos + 1;
        var i = start;
        var quote = Vector128.Create((byte)'"');
        var backslash = Vector128.Create((byte)'\\');
        while (true)
        {
            if (i + 16 <= json.Length)
            {
                var block = Vector128.Create(json.Slice(i, 16));
                var special = (Vector128.Equals(block, quote) | Vector128.Equals(block, backslash)).ExtractMostSignificantBits();
                if (special == 0)
                {
                    i += 16;
                    continue;
                }

                i += BitOperations.TrailingZeroCount(special);
            }
            else
            {
                while (i < json.Length && json[i] is not ((byte)'"' or (byte)'\\'))
                {
                    i++;
                }

                if (i >= json.Length)
                {
                    return Fail();
                }
            }

            if (json[i] == (byte)'"')
            {
                raw = json[start..i];
                _pos = i + 1;
                return true;
            }

            escaped = true;
            i += 2;
            if (i > json.Length)
            {
                return Fail();
            }
        }
    }

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _json.Length - _pos;

    /// <summary>Skips one value of any kind.</summary>
    public bool Skip()
    {
        SkipSpace();
        if (Failed || _pos >= _json.Length)
        {
            return Fail();
        }

        var first = _json[_pos];
        if (first == (byte)'"')
        {
            return String(out _, out _);
        }

        if (first is not ((byte)'{' or (byte)'['))
        {
            var end = _json[_pos..].IndexOfAny(ScalarEnd);
            if (end == 0)
            {
                return Fail();
            }

            _pos = end < 0 ? _json.Length : _pos + end;
            return true;
        }

        var depth = 0;
        while (true)
        {
            var next = _json[_pos..].IndexOfAny(Structure);
            if (next < 0)
            {
                return Fail();
            }

            _pos += next;
            var b = _json[_pos];
            if (b == (byte)'"')
            {
                if (!String(out _, out _))
                {
                    return false;
                }

                continue;
            }

            _pos++;
            depth += b is (byte)'{' or (byte)'[' ? 1 : -1;
            if (depth == 0)
            {
                _justOpened = false;
                return true;
            }
        }
    }

    /// <summary>Only white space is left.</summary>
    public bool AtEnd()
    {
        SkipSpace();
        return !Failed && _pos == _json.Length;
    }

    private void SkipSpace()
    {
        while (_pos < _json.Length && _json[_pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            _pos++;
        }
    }

    private bool Fail()
    {
        Failed = true;
        return false;
    }
}
