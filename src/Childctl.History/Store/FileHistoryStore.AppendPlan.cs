using System.Globalization;
using System.Text;
using Childctl.History.Codec;
using Childctl.History.Storage;
using Microsoft.Win32.SafeHandles;

namespace Childctl.History.Store;

/// <summary>Where an append goes: the checks that make sure it lands at a good boundary and leaves the file valid.</summary>
public sealed partial class FileHistoryStore
{
    /// <summary>
    /// Makes sure the file is sound and ends at a good boundary before writing. The fast path, for a file this process
    /// has seen whole, checks that what others added since is childctl's own blocks ending at a terminator. The full
    /// path parses the whole file: it sets a torn tail aside (when <paramref name="repair"/>), refuses a corrupt file
    /// (left untouched), another cluster's file, and a layout that an append at the end would break, and keeps the
    /// bytes so that the caller can check the file with the new events still parses.
    /// </summary>
    private AppendPlan PlanAppend(HistoryStreamId stream, string path, SafeFileHandle log, StreamIndex index, bool repair)
    {
        var length = RandomAccess.GetLength(log);
        if (index.ScannedLength > 0 && index.ItemIndent >= 0)
        {
            var fresh = new byte[length - index.ScannedLength];
            RandomAccess.Read(log, fresh, index.ScannedLength);
            if (fresh.Length == 0 || BlockShape.IsOwnBlocks(fresh, index.ItemIndent))
            {
                return new AppendPlan(string.Empty, index.NewLine, null, null, 0);
            }
        }

        var data = new byte[length];
        RandomAccess.Read(log, data, 0);
        var inspection = TailInspector.Inspect(path, data);
        TornTail? torn = null;
        if (inspection.Verdict == TailVerdict.Torn)
        {
            if (repair)
            {
                torn = SetAside(path, log, data, inspection.Boundary);
                index.Reset();
            }

            data = data[..(int)inspection.Boundary];
        }

        CheckHeader(stream, path, inspection.Document.Header);
        var firstLineEnd = data.AsSpan().IndexOf((byte)'\n');
        var newLine = firstLineEnd > 0 && data[firstLineEnd - 1] == (byte)'\r' ? "\r\n" : "\n";
        index.NewLine = newLine;
        return new AppendPlan(Layout(path, data), newLine, torn, data, inspection.Document.Events.Count);
    }

    /// <summary>
    /// Moves a torn tail out of the log: its bytes are first written (and flushed) to a side file next to the log,
    /// and only then cut from the log, so a crash during the repair loses nothing.
    /// </summary>
    private TornTail SetAside(string path, SafeFileHandle log, byte[] data, long boundary)
    {
        var stamp = _time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var side = $"{path}.torn-{stamp}-at-{boundary}";
        for (var n = 2; File.Exists(side); n++)
        {
            side = $"{path}.torn-{stamp}-at-{boundary}-{n}";
        }

        SecureFiles.CreateDurably(side, data.AsSpan((int)boundary), _io, TempPath(path));
        try
        {
            _io.SetLength(log, boundary);
            _io.Flush(log);
        }
        catch (IOException e)
        {
            throw HistoryException.Io(path, "cut the torn tail (it is saved in " + side + ") from", e);
        }

        return new TornTail(path, side, boundary, data.Length - boundary);
    }

    /// <summary>The fixed temporary name for files created under the stream's lock: a kill leaves at most this one, which the next creation replaces.</summary>
    private static string TempPath(string path) => Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");

    /// <summary>A file whose header names another cluster is another cluster's history (copied or linked here): never appended to.</summary>
    private static void CheckHeader(HistoryStreamId stream, string path, HistoryHeader header)
    {
        var (key, value, expected) = header.ClusterName is { } name && name != stream.Name ? ("cluster_name", name, stream.Name)
            : header.Namespace is { } ns && ns != stream.Namespace ? ("namespace", ns, stream.Namespace)
            : (null, null, null);
        if (key is not null)
        {
            throw new HistoryException(HistoryErrorKind.Corrupt,
                $"cannot append to {path}: its header says {key} \"{value}\" but the file holds the history of {expected}; it is another cluster's file (copied or moved here?): move it aside. Nothing was changed")
            { Path = path, Line = 1 };
        }
    }

    /// <summary>
    /// Text to write before the first block (<c>events:</c> for a file without it, a newline for one without a final
    /// newline), or a refusal when an append at the end would not extend the events list: a top-level key after it,
    /// or a list in flow style.
    /// </summary>
    private static string Layout(string path, byte[] data)
    {
        var text = System.Text.Encoding.UTF8.GetString(data);
        var lineNumber = 0;
        var eventsLine = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').TrimStart('\uFEFF');
            if (eventsLine == 0 && line.StartsWith("events:", StringComparison.Ordinal))
            {
                eventsLine = lineNumber;
                if (!BlockShape.IsEventsKey(System.Text.Encoding.UTF8.GetBytes(line)))
                {
                    throw Unappendable(path, lineNumber, $"its events list is written in flow style or as a value ('{line.Trim()}')",
                        "write it as 'events:' alone on its line (an empty list) followed by block items");
                }
            }
            else if (eventsLine > 0 && line.Length > 0 && line[0] is not (' ' or '#' or '-'))
            {
                var key = line.Split(':')[0].Trim();
                throw Unappendable(path, lineNumber, $"its top-level key '{key}' comes after the events list, so events appended at the end would land under '{key}'",
                    $"move '{key}' (and the lines under it) above 'events:'");
            }
        }

        var newline = data.Length > 0 && data[^1] == (byte)'\n' ? string.Empty : "\n";
        return eventsLine > 0 ? newline : newline + "events:\n";
    }

    /// <summary>The last safeguard for files childctl did not write: the file with the new blocks must parse and hold exactly the events before plus the new ones.</summary>
    private static void Verify(string path, AppendPlan plan, byte[] appended, int count)
    {
        if (plan.Data is null)
        {
            return;
        }

        byte[] combined = [.. plan.Data, .. appended];
        HistoryDocument document;
        try
        {
            document = TailInspector.ParseBytes(path, combined, combined.Length);
        }
        catch (HistoryException e) when (e.Kind == HistoryErrorKind.Corrupt)
        {
            throw Unappendable(path, e.Line, $"an event appended at its end would not parse ({Problem(e.Message)})", "rewrite the file in the layout docs/history.md describes");
        }

        if (document.Events.Count != plan.EventsBefore + count)
        {
            throw Unappendable(path, TailInspector.LineAt(combined, plan.Data.Length), "an event appended at its end would not be read as part of its events list", "rewrite the file in the layout docs/history.md describes");
        }
    }

    private static string Problem(string corruptMessage)
    {
        var start = corruptMessage.IndexOf(": ", corruptMessage.IndexOf(" at line ", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        var end = corruptMessage.IndexOf(". It was left unchanged", StringComparison.Ordinal);
        return start > 0 && end > start ? corruptMessage[(start + 2)..end] : corruptMessage;
    }

    private static HistoryException Unappendable(string path, int line, string problem, string fix) =>
        new(HistoryErrorKind.Corrupt, $"cannot append to {path}: {problem} (line {line}); {fix}, by hand. Nothing was changed") { Path = path, Line = line };

    /// <summary>What goes before the blocks, the file's line end, a torn tail set aside, and (full path only) the bytes to check the result against.</summary>
    private sealed record AppendPlan(string Prefix, string NewLine, TornTail? Torn, byte[]? Data, int EventsBefore);
}

/// <summary>
/// What one process knows of a stream's file: the ids seen so far and where their blocks start, up to
/// <see cref="ScannedLength"/> (always a good boundary). The file only grows, so each append scans just the
/// bytes other writers added since, keeping idempotency checks cheap even for long logs.
/// </summary>
/// <remarks>
/// The scan reads the text line by line rather than as YAML: an item starts with <c>- </c> at the item indent,
/// and the id is the <c>id:</c> line of that item. childctl writes ids plain and on one line, so the two agree;
/// an id hand-written in another YAML form would not be recognised (and could then be appended twice).
/// </remarks>
internal sealed class StreamIndex
{
    /// <summary>Reads <c>count</c> bytes at <c>offset</c> of the stream's file.</summary>
    public delegate byte[] SafeFileHandleReader(long offset, int count);

    private readonly Dictionary<string, (long Version, long Position)> _ids = new(StringComparer.Ordinal);

    public long ScannedLength { get; private set; }

    public long Count { get; private set; }

    public int ItemIndent { get; private set; } = -1;

    /// <summary>The file's line end, <c>\n</c> or <c>\r\n</c> (a file saved on Windows): appends keep to it.</summary>
    public string NewLine { get; set; } = "\n";

    private bool SawEventsKey { get; set; }

    public bool TryGet(string id, out (long Version, long Position) at) => _ids.TryGetValue(id, out at);

    public void Reset()
    {
        _ids.Clear();
        ScannedLength = 0;
        Count = 0;
        ItemIndent = -1;
        NewLine = "\n";
        SawEventsKey = false;
    }

    /// <summary>Scans <paramref name="bytes"/>, which start at <see cref="ScannedLength"/> and end at a good boundary.</summary>
    public void Scan(ReadOnlySpan<byte> bytes)
    {
        var offset = ScannedLength;
        long blockPosition = -1;
        foreach (var range in bytes.Split((byte)'\n'))
        {
            var line = bytes[range];
            var lineStart = offset + range.Start.Value;
            if (!SawEventsKey)
            {
                SawEventsKey = Codec.BlockShape.IsEventsKey(line);
                continue;
            }

            var indent = line.IndexOfAnyExcept((byte)' ');
            if (indent < 0)
            {
                continue;
            }

            var rest = line[indent..];
            if (rest.StartsWith("- "u8) && (ItemIndent < 0 || indent == ItemIndent))
            {
                ItemIndent = indent;
                blockPosition = lineStart;
                Count++;
                rest = rest[2..].TrimStart((byte)' ');
                indent = ItemIndent + 2;
            }

            if (blockPosition >= 0 && indent == ItemIndent + 2 && rest.StartsWith("id: "u8))
            {
                _ids.TryAdd(Unquote(rest[4..]), (Count - 1, blockPosition));
            }
        }

        ScannedLength += bytes.Length;
    }

    public void Add(string id, long version, long position, int itemIndent)
    {
        _ids.TryAdd(id, (version, position));
        Count = version + 1;
        ItemIndent = itemIndent;
    }

    public void Advance(long newLength) => ScannedLength = newLength;

    /// <summary>
    /// The bytes just before <see cref="ScannedLength"/>, remembered so that a file replaced or rewritten by hand
    /// under a long-lived process is noticed (the cache would otherwise vouch for bytes it never saw).
    /// </summary>
    public byte[] Fingerprint { get; private set; } = [];

    public void Remember(SafeFileHandleReader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var length = (int)Math.Min(ScannedLength, 64);
        Fingerprint = read(ScannedLength - length, length);
    }

    public bool StillMatches(SafeFileHandleReader read, long fileLength)
    {
        ArgumentNullException.ThrowIfNull(read);
        return fileLength >= ScannedLength && read(ScannedLength - Fingerprint.Length, Fingerprint.Length).AsSpan().SequenceEqual(Fingerprint);
    }

    private static string Unquote(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value.TrimEnd((byte)'\r').Trim((byte)' '));
        return text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[^1] == text[0] ? text[1..^1] : text;
    }
}
