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
/// after the last good boundary have the shape of such a prefix (<see cref="BlockShape.LooksTorn"/>: an event block as childctl
/// writes it, cut anywhere, perhaps followed by zero bytes) and either do not parse or hold childctl's own event
/// (it has an <c>id:</c>) without its terminator, while everything before the boundary parses. Anything else that
/// fails to parse (a second YAML document, a key typed by hand) is corrupt and reported with its line, and the
/// caller must leave it alone.
/// </remarks>
public static class TailInspector
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
        return line.IndexOf((byte)0) < 0 && (BlockShape.IsTerminator(line) || BlockShape.IsEventsKey(line));
    }

    public static TailInspection Inspect(string path, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var boundary = LastBoundary(data);
        var region = boundary < 0 ? data.AsSpan() : data.AsSpan((int)boundary);
        if (boundary >= 0 && IsBlank(region) && (region.Length == 0 || region[^1] == (byte)'\n'))
        {
            return new TailInspection(TailVerdict.Complete, ParseBytes(path, data, data.Length), data.Length);
        }

        var torn = boundary >= 0 && BlockShape.LooksTorn(region);
        var failure = WholeFileFailure(path, data, boundary, torn, out var complete);
        if (complete is not null || !torn)
        {
            return complete ?? throw failure!;
        }

        try
        {
            return new TailInspection(TailVerdict.Torn, ParseBytes(path, data, boundary), boundary);
        }
        catch (HistoryException e) when (e.Kind == HistoryErrorKind.Corrupt)
        {
            throw failure!.Line < e.Line ? failure : e;
        }
    }

    /// <summary>
    /// Parses the whole file: complete unless the bytes after the boundary have the torn shape and are childctl's own
    /// cut-short event, whitespace without a final newline, or zero bytes (all signs of a write that did not finish).
    /// </summary>
    private static HistoryException? WholeFileFailure(string path, byte[] data, long boundary, bool torn, out TailInspection? complete)
    {
        complete = null;
        var region = boundary < 0 ? ReadOnlySpan<byte>.Empty : data.AsSpan((int)boundary);
        try
        {
            var document = ParseBytes(path, data, data.Length);
            if (!torn || !(HoldsOwnIncompleteEvent(region) || IsBlank(region) || region.Contains((byte)0)))
            {
                complete = new TailInspection(TailVerdict.Complete, document, data.Length);
                return null;
            }

            return HistoryException.Corrupt(path, LineAt(data, boundary), "the last event is incomplete");
        }
        catch (HistoryException e) when (e.Kind == HistoryErrorKind.Corrupt)
        {
            return e;
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
            if (BlockShape.IsTerminator(line) || BlockShape.IsEventsKey(line))
            {
                return lineEnd + 1;
            }

            end = start;
        }

        return -1;
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
