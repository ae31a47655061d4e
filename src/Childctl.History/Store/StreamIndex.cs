using System.Text;

namespace Childctl.History.Store;

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
