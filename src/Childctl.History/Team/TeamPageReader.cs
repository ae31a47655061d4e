using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;
using Childctl.History.Events;

namespace Childctl.History.Team;

/// <summary>
/// Reads one page of the team store (a ConfigMapList as the API server serves it) in a single forward pass over its
/// bytes. Each stored event is JSON inside a JSON string, so a general parser validates every byte of it twice, once
/// escaped in the page and once unescaped; here the page's strings are only delimited (a vectorised search for the
/// closing quote), each value is unescaped once and decoded once (<see cref="TeamEventCodec.TryDecode(string, ReadOnlySpan{byte}, StringPool?)"/>).
/// A page it does not understand gives false and nothing, and the caller parses it as any reply: this reader is a
/// shortcut for well-formed pages, never the judge of a bad one.
/// </summary>
public static class TeamPageReader
{
    /// <summary>Adds each chunk of <paramref name="page"/> with its cluster (as <see cref="TeamSeries.SeriesOf"/> finds it) and events to <paramref name="chunks"/>.</summary>
    /// <returns>False, with nothing added, when the page is not a list this reader follows.</returns>
    public static bool TryRead(ReadOnlySpan<byte> page, StringPool? strings, List<((string Namespace, string Name) Series, List<HistoryEvent> Events)> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var count = chunks.Count;
        var buffer = new UnescapeBuffer();
        try
        {
            var scan = new JsonScan(page);
            var (whole, sawItems) = (scan.Enter((byte)'{'), false);
            while (whole && scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
            {
                var isItems = Is(name, escaped, "items"u8);
                sawItems |= isItems;
                whole = isItems ? Items(ref scan, strings, chunks, ref buffer) : scan.Skip();
            }

            if (!whole || scan.Failed || !sawItems || !scan.AtEnd())
            {
                chunks.RemoveRange(count, chunks.Count - count);
                return false;
            }

            return true;
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private static bool Items(ref JsonScan scan, StringPool? strings, List<((string, string), List<HistoryEvent>)> chunks, ref UnescapeBuffer buffer)
    {
        if (!scan.Enter((byte)'['))
        {
            return false;
        }

        while (scan.Next((byte)']'))
        {
            if (!Item(ref scan, strings, chunks, ref buffer))
            {
                return false;
            }
        }

        return !scan.Failed;
    }

    private static bool Item(ref JsonScan scan, StringPool? strings, List<((string, string), List<HistoryEvent>)> chunks, ref UnescapeBuffer buffer)
    {
        if (!scan.Enter((byte)'{'))
        {
            return false;
        }

        string? ns = null, annotated = null, labelled = null;
        List<HistoryEvent>? events = null;
        while (scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
        {
            var read = Is(name, escaped, "metadata"u8) ? Metadata(ref scan, ref ns, ref annotated, ref labelled)
                : Is(name, escaped, "data"u8) ? Data(ref scan, strings, events = [], ref buffer)
                : scan.Skip();
            if (!read)
            {
                return false;
            }
        }

        if (!scan.Failed && ns is not null && (annotated ?? labelled) is { } cluster)
        {
            chunks.Add(((ns, cluster), events ?? []));
        }

        return !scan.Failed;
    }

    private static bool Metadata(ref JsonScan scan, ref string? ns, ref string? annotated, ref string? labelled)
    {
        if (!scan.Enter((byte)'{'))
        {
            return scan.Skip();
        }

        while (scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
        {
            var labels = Is(name, escaped, "labels"u8);
            if (!(labels || Is(name, escaped, "annotations"u8) ? Strings(ref scan, labels, ref ns, ref annotated, ref labelled) : scan.Skip()))
            {
                return false;
            }
        }

        return !scan.Failed;
    }

    /// <summary>The labels or annotations object: the values this reader needs, the rest skipped.</summary>
    private static bool Strings(ref JsonScan scan, bool labels, ref string? ns, ref string? annotated, ref string? labelled)
    {
        if (!scan.Enter((byte)'{'))
        {
            return scan.Skip();
        }

        while (scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
        {
            var key = Text(name, escaped);
            if (!scan.IsString())
            {
                if (!scan.Skip())
                {
                    return false;
                }

                continue;
            }

            if (!scan.String(out var value, out var valueEscaped))
            {
                return false;
            }

            if (labels && key == TeamSeries.NamespaceLabel)
            {
                ns = Text(value, valueEscaped);
            }
            else if (labels && key == TeamSeries.NameLabel)
            {
                labelled = Text(value, valueEscaped);
            }
            else if (!labels && key == TeamSeries.NameAnnotation)
            {
                annotated = Text(value, valueEscaped);
            }
        }

        return !scan.Failed;
    }

    /// <summary>The chunk's data: one key per event id, each value an event's JSON; values that are not events are skipped.</summary>
    private static bool Data(ref JsonScan scan, StringPool? strings, List<HistoryEvent> events, ref UnescapeBuffer buffer)
    {
        if (!scan.Enter((byte)'{'))
        {
            return scan.Skip();
        }

        while (scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
        {
            if (!scan.IsString())
            {
                if (!scan.Skip())
                {
                    return false;
                }

                continue;
            }

            // Unescaped as it is delimited, in one pass: what it stands for is never longer than what is left of the page.
            var into = buffer.Span(scan.Remaining);
            if (!scan.UnescapedString(into, out var written))
            {
                return false;
            }

            if (TeamEventCodec.TryDecode(Text(name, escaped), into[..written], strings) is { } e)
            {
                events.Add(e);
            }
        }

        return !scan.Failed;
    }

    private static bool Is(ReadOnlySpan<byte> raw, bool escaped, ReadOnlySpan<byte> expected) =>
        escaped ? Text(raw, escaped) == Encoding.UTF8.GetString(expected) : raw.SequenceEqual(expected);

    /// <summary>A string's text: its raw content, unescaped when it has escapes (a malformed escape keeps the raw text).</summary>
    private static string Text(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return Encoding.UTF8.GetString(raw);
        }

        var into = raw.Length <= 256 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        return TeamSeries.TryUnescape(raw, into, out var written) ? Encoding.UTF8.GetString(into[..written]) : Encoding.UTF8.GetString(raw);
    }

    /// <summary>One pooled buffer for a page's unescaped values, grown when a value needs more.</summary>
    private struct UnescapeBuffer : IDisposable
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
}

/// <summary>
/// A forward-only walk over JSON bytes that delimits strings without validating them and skips values by their
/// brackets: the least a reader of a known shape needs. Every step either moves on or fails, and once failed every step
/// fails, so loops over it always end; what it accepts beyond JSON (a lone comma, mismatched brackets inside a skipped
/// value) is never misread as data of the shape the reader asks for.
/// </summary>
internal ref struct JsonScan(ReadOnlySpan<byte> json)
{
    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);
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

        var start = ++_pos;
        while (true)
        {
            var next = _json[_pos..].IndexOfAny(QuoteOrBackslash);
            if (next < 0)
            {
                return Fail();
            }

            _pos += next;
            if (_json[_pos] == (byte)'"')
            {
                raw = _json[start.._pos++];
                return true;
            }

            escaped = true;
            _pos += 2;
            if (_pos > _json.Length)
            {
                return Fail();
            }
        }
    }

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _json.Length - _pos;

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

    private static bool Hex4(ReadOnlySpan<byte> json, int at, out int code)
    {
        code = 0;
        return at + 4 <= json.Length && int.TryParse(json.Slice(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code);
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
