using System.Text;

namespace Childctl.History.Codec;

/// <summary>
/// Decides whether a history file ends cleanly, ends in a torn write, or is corrupt.
/// </summary>
/// <remarks>
/// A good boundary is the end of the <c>events:</c> line or of a block's terminator line (<c>source: ...</c>
/// at key indent, always the last line childctl writes for an event). Appends start at a good boundary, so
/// a crash can only leave a strict prefix of one write after the last one. The file is torn when the bytes
/// after the last good boundary do not parse, or hold an event childctl wrote (it has an <c>id:</c>) that
/// lacks its terminator, or an event without an action, while everything before the boundary parses.
/// Anything else that fails to parse is corrupt and reported with its line, and the caller must leave it alone.
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
            return new TailInspection(TailVerdict.Complete, Parse(path, data, data.Length), data.Length);
        }

        var failure = CompleteOrFailure(path, data, boundary, out var complete);
        if (complete is not null)
        {
            return complete;
        }

        if (boundary < 0)
        {
            throw failure;
        }

        try
        {
            return new TailInspection(TailVerdict.Torn, Parse(path, data, boundary), boundary);
        }
        catch (HistoryException e) when (e.Kind == HistoryErrorKind.Corrupt)
        {
            throw failure.Line < e.Line ? failure : e;
        }
    }

    /// <summary>
    /// Parses the whole file: complete unless what follows the last boundary is childctl's own cut-short event,
    /// whitespace without a final newline, or binary zeros (all signs of a write that did not finish).
    /// </summary>
    private static HistoryException CompleteOrFailure(string path, byte[] data, long boundary, out TailInspection? complete)
    {
        complete = null;
        var region = boundary < 0 ? ReadOnlySpan<byte>.Empty : data.AsSpan((int)boundary);
        try
        {
            var document = Parse(path, data, data.Length);
            if (boundary < 0 || !(HoldsOwnIncompleteEvent(region) || IsBlank(region) || region.Contains((byte)0)))
            {
                complete = new TailInspection(TailVerdict.Complete, document, data.Length);
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
            if (IsTerminator(line) || IsEventsKey(line))
            {
                return lineEnd + 1;
            }

            end = start;
        }

        return -1;
    }

    internal static bool IsTerminator(ReadOnlySpan<byte> line)
    {
        var indent = line.IndexOfAnyExcept((byte)' ');
        return indent >= 2 && line[indent..].StartsWith("source: "u8) && line.Length > indent + 8 && line[indent + 8] != (byte)' ';
    }

    internal static bool IsEventsKey(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("events:"u8))
        {
            return false;
        }

        var rest = line[7..].Trim((byte)' ');
        return rest.Length == 0 || rest[0] == (byte)'#';
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

    private static HistoryDocument Parse(string path, byte[] data, long length)
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

        return HistoryFileParser.Parse(path, text);
    }

    internal static int LineAt(ReadOnlySpan<byte> data, long offset) =>
        data[..(int)Math.Min(offset, data.Length)].Count((byte)'\n') + 1;
}
