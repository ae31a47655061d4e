using System.Text;

namespace Childctl.History.Codec;

/// <summary>What a full inspection of a history file found.</summary>
public enum TailVerdict
{
    /// <summary>Every byte belongs to a complete header or event.</summary>
    Complete,

    /// <summary>The bytes from <see cref="TailInspection.Boundary"/> on are an event cut short; everything before parses.</summary>
    Torn,
}

/// <summary>The parsed file plus where a torn tail, if any, begins (a byte offset).</summary>
public sealed record TailInspection(TailVerdict Verdict, HistoryDocument Document, long Boundary);

/// <summary>
/// Decides whether a history file ends cleanly, ends in a torn write, or is corrupt.
/// </summary>
/// <remarks>
/// A good boundary is the end of the <c>events:</c> line or of a block's terminator line (<c>source: ...</c>
/// at key indent, always the last line childctl writes for an event). Appends start at a good boundary, so
/// a crash can only leave a strict prefix of one write after the last one. The file is torn when the bytes
/// after the last good boundary have the shape of such a prefix (<see cref="LooksTorn"/>: an event block as childctl
/// writes it, cut anywhere, perhaps followed by zero bytes) and either do not parse or hold childctl's own event
/// (it has an <c>id:</c>) without its terminator, while everything before the boundary parses. Anything else that
/// fails to parse (a second YAML document, a key typed by hand) is corrupt and reported with its line, and the
/// caller must leave it alone.
/// </remarks>
public static class TailInspector
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly System.Buffers.SearchValues<byte> KeyChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_"u8);

    /// <summary>Cheap check for appends: the file ends, with a newline, in a terminator or the <c>events:</c> line.</summary>
    public static bool EndsAtBoundary(ReadOnlySpan<byte> tail)
    {
        if (tail.Length == 0 || tail[^1] != (byte)'\n')
        {
            return false;
        }

        var body = tail[..^1];
        var start = body.LastIndexOf((byte)'\n') + 1;
        var line = body[start..];
        return line.IndexOf((byte)0) < 0 && (IsTerminator(line) || IsEventsKey(line));
    }

    public static TailInspection Inspect(string path, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var boundary = LastBoundary(data);
        var region = boundary < 0 ? data.AsSpan() : data.AsSpan((int)boundary);
        var endsClean = region.Length == 0 || region[^1] == (byte)'\n';
        if (boundary >= 0 && IsBlank(region) && endsClean)
        {
            return new TailInspection(TailVerdict.Complete, ParseBytes(path, data, data.Length), data.Length);
        }

        var torn = boundary >= 0 && LooksTorn(region);
        HistoryException failure;
        try
        {
            var document = ParseBytes(path, data, data.Length);
            if (!torn || !(HoldsOwnIncompleteEvent(region) || IsBlank(region) || region.Contains((byte)0)))
            {
                return new TailInspection(TailVerdict.Complete, document, data.Length);
            }

            failure = HistoryException.Corrupt(path, LineAt(data, boundary), "the last event is incomplete");
        }
        catch (HistoryException e) when (e.Kind == HistoryErrorKind.Corrupt)
        {
            failure = e;
        }

        if (!torn)
        {
            throw failure;
        }

        try
        {
            return new TailInspection(TailVerdict.Torn, ParseBytes(path, data, boundary), boundary);
        }
        catch (HistoryException e) when (e.Kind == HistoryErrorKind.Corrupt)
        {
            throw failure.Line < e.Line ? failure : e;
        }
    }

    /// <summary>Offset just past the last good boundary, or -1 when the file has none.</summary>
    public static long LastBoundary(ReadOnlySpan<byte> data)
    {
        var end = data.Length;
        while (end > 0)
        {
            var lineEnd = data[..end].LastIndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                return -1;
            }

            var start = data[..lineEnd].LastIndexOf((byte)'\n') + 1;
            var line = data[start..lineEnd];
            if (IsTerminator(line) || IsEventsKey(line))
            {
                return lineEnd + 1;
            }

            end = start;
        }

        return -1;
    }

    /// <summary>
    /// True when <paramref name="region"/> can be what an interrupted append left: zero bytes (a power loss), or the
    /// start of one event block as <see cref="EventBlockWriter"/> writes it (<c>- timestamp:</c> at some indent, then
    /// <c>key: value</c> lines two columns further), cut at any byte and perhaps followed by zero bytes. A second
    /// YAML document, a top-level key or a comment is not: such a file is corrupt, not torn.
    /// </summary>
    internal static bool LooksTorn(ReadOnlySpan<byte> region)
    {
        var text = region.TrimEnd((byte)0);
        if (text.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var itemIndent = -1;
        var lines = 0;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            var complete = range.End.Value < text.Length;
            if (complete)
            {
                line = line.TrimEnd((byte)'\r');
            }

            var indent = line.IndexOfAnyExcept((byte)' ');
            if (indent < 0)
            {
                // Spaces only: the start of a block's first line, or nothing at all after the last newline.
                if (complete && line.Length > 0)
                {
                    return false;
                }

                continue;
            }

            var rest = line[indent..];
            if (lines++ == 0)
            {
                itemIndent = indent;
                if (!(complete ? rest.StartsWith("- timestamp: "u8) : "- timestamp: "u8.StartsWith(rest) || rest.StartsWith("- timestamp: "u8)))
                {
                    return false;
                }
            }
            else if (indent != itemIndent + 2 || !IsFieldLine(rest, complete))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="bytes"/> are whole event blocks as childctl writes them at <paramref name="itemIndent"/>
    /// (what other childctl processes append), ending with a terminator line: the fast path of an append trusts such
    /// bytes without parsing the file again, and parses it whole for anything else.
    /// </summary>
    internal static bool IsOwnBlocks(ReadOnlySpan<byte> bytes, int itemIndent)
    {
        if (bytes.Length == 0 || bytes[^1] != (byte)'\n' || bytes.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        var body = bytes[..^1];
        var first = true;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].TrimEnd((byte)'\r');
            var indent = line.IndexOfAnyExcept((byte)' ');
            var rest = indent < 0 ? line : line[indent..];
            var ok = (indent == itemIndent && rest.StartsWith("- timestamp: "u8)) || (!first && indent == itemIndent + 2 && IsFieldLine(rest, complete: true));
            if (!ok)
            {
                return false;
            }

            first = false;
        }

        return IsTerminator(body[(body.LastIndexOf((byte)'\n') + 1)..].TrimEnd((byte)'\r'));
    }

    internal static bool IsTerminator(ReadOnlySpan<byte> line)
    {
        var indent = line.IndexOfAnyExcept((byte)' ');
        return indent >= 2 && line[indent..].StartsWith("source: "u8) && line.Length > indent + 8 && line[indent + 8] != (byte)' ';
    }

    /// <summary>The <c>events:</c> line that opens a block list (a comment or CR may follow; a BOM may precede).</summary>
    internal static bool IsEventsKey(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        if (!line.StartsWith("events:"u8))
        {
            return false;
        }

        var rest = line[7..].TrimEnd((byte)'\r').Trim((byte)' ');
        return rest.Length == 0 || rest[0] == (byte)'#';
    }

    /// <summary>Parses the first <paramref name="length"/> bytes as a history file (UTF-8, an optional BOM, no zero bytes).</summary>
    internal static HistoryDocument ParseBytes(string path, byte[] data, long length)
    {
        // YamlDotNet treats NUL as the end of the stream; without this a zero byte would hide what follows it.
        var zero = data.AsSpan(0, (int)length).IndexOf((byte)0);
        if (zero >= 0)
        {
            throw HistoryException.Corrupt(path, LineAt(data, zero), "the file holds binary data (a zero byte)");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(data, 0, (int)length);
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Clamp(e.Index < 0 ? 0 : e.Index, 0, (int)length);
            throw HistoryException.Corrupt(path, LineAt(data, at), "the file is not UTF-8 text (binary data)");
        }

        return HistoryFileParser.Parse(path, text.StartsWith('\uFEFF') ? text[1..] : text);
    }

    internal static int LineAt(ReadOnlySpan<byte> data, long offset) =>
        data[..(int)Math.Clamp(offset, 0, data.Length)].Count((byte)'\n') + 1;

    private static bool IsFieldLine(ReadOnlySpan<byte> rest, bool complete)
    {
        var key = rest.IndexOfAnyExcept(KeyChars);
        if (key < 0)
        {
            return !complete; // a key cut short
        }

        var after = rest[key..];
        return key > 0 && (complete ? after.StartsWith(": "u8) && after.Length > 2 : ": "u8.StartsWith(after) || after.StartsWith(": "u8));
    }

    private static bool HoldsOwnIncompleteEvent(ReadOnlySpan<byte> region)
    {
        foreach (var range in region.Split((byte)'\n'))
        {
            var line = region[range];
            var indent = line.IndexOfAnyExcept((byte)' ');
            if (indent < 0)
            {
                continue;
            }

            var key = line[indent..];
            if (key.StartsWith("- "u8))
            {
                key = key[2..].TrimStart((byte)' ');
            }

            if (key.StartsWith("id:"u8))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBlank(ReadOnlySpan<byte> region)
    {
        foreach (var range in region.Split((byte)'\n'))
        {
            var line = region[range].Trim((byte)' ');
            if (line.Length > 0 && line[0] != (byte)'#' && !(line.Length == 1 && line[0] == (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }
}
