using System.Text;
using Childctl.History.Codec;
using Childctl.History.Events;
using Childctl.History.Redaction;
using Childctl.History.Storage;

namespace Childctl.History.Store;

public sealed partial class FileHistoryStore
{
    // Enough to hold the last line of any block; a longer last line just takes the slow path.
    private const int TailWindow = 4096;

    public async Task<AppendResult> AppendAsync(HistoryStreamId stream, IReadOnlyList<HistoryEvent> events, AppendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        EventValidation.Validate(events);
        var redacted = events.Select(e => Redactor.Redact(e) with { Source = e.Source ?? EventSources.Childctl }).ToList();
        var dir = Path.Combine(_layout.ManagementClusterDirectory(stream.ManagementCluster, create: true), stream.Namespace);
        SecureFiles.EnsureDirectory(dir);
        var path = Path.Combine(dir, stream.Name + HistoryLayout.Extension);
        try
        {
            var (result, written) = await WithLockAsync(path, index => AppendLocked(stream, path, redacted, options, index), cancellationToken);
            if (written is not null)
            {
                // The fsync runs after the lock is released: it flushes every write made to the file so far, so
                // concurrent appenders share flushes and none of them returns before its own bytes are on disk.
                using (written)
                {
                    written.Flush(flushToDisk: true);
                }
            }

            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw HistoryException.Io(path, "append to", e);
        }
    }

    public async Task CheckAppendableAsync(HistoryStreamId stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        var dir = Path.Combine(_layout.ManagementClusterDirectory(stream.ManagementCluster, create: true), stream.Namespace);
        SecureFiles.EnsureDirectory(dir);
        var path = Path.Combine(dir, stream.Name + HistoryLayout.Extension);
        try
        {
            await WithLockAsync(path, _ => OpenableForAppend(path), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw HistoryException.Io(path, "append to", e);
        }

        _ = await ReadAsync(stream, cancellationToken);
    }

    private static bool OpenableForAppend(string path)
    {
        if (File.Exists(path))
        {
            using var log = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }

        return true;
    }

    /// <summary>Runs under the lock; returns the log still open when it wrote, for the caller to flush.</summary>
    private (AppendResult Result, FileStream? Written) AppendLocked(HistoryStreamId stream, string path, List<HistoryEvent> events, AppendOptions? options, StreamIndex index)
    {
        if (!File.Exists(path))
        {
            var header = new HistoryHeader { ClusterName = stream.Name, Namespace = stream.Namespace, CreatedAt = options?.CreatedAt, LastUpdated = options?.LastUpdated };
            SecureFiles.CreateDurably(path, Encoding.UTF8.GetBytes(EventBlockWriter.Header(header)));
            index.Reset();
        }

        var log = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        try
        {
            var result = AppendOpen(path, log, events, index);
            if (result.Appended)
            {
                return (result, log);
            }

            log.Dispose();
            return (result, null);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    private AppendResult AppendOpen(string path, FileStream log, List<HistoryEvent> events, StreamIndex index)
    {
        byte[] Read(long offset, int count)
        {
            var bytes = new byte[count];
            RandomAccess.Read(log.SafeFileHandle, bytes, offset);
            return bytes;
        }

        if (!index.StillMatches(Read, log.Length))
        {
            index.Reset(); // the file was replaced or cut by hand: trust nothing cached
        }

        var (prefix, torn) = PrepareTail(path, log, index);
        var length = log.Length;
        if (length > index.ScannedLength)
        {
            var fresh = new byte[length - index.ScannedLength];
            RandomAccess.Read(log.SafeFileHandle, fresh, index.ScannedLength);
            index.Scan(fresh);
            index.Remember(Read);
        }

        var existing = events.Select(e => index.TryGet(e.Id!, out var at) ? at : ((long, long)?)null).ToList();
        if (existing.All(at => at is not null))
        {
            var (version, position) = existing[^1]!.Value;
            return new AppendResult(version, position, Appended: false) { RepairedTail = torn };
        }

        if (existing.Any(at => at is not null))
        {
            throw new HistoryException(HistoryErrorKind.IdConflict,
                $"some events of this batch are already in {path} and some are not; append them separately") { Path = path };
        }

        var result = Write(log, events, prefix, index) with { RepairedTail = torn };
        index.Remember(Read);
        return result;
    }

    private static AppendResult Write(FileStream log, List<HistoryEvent> events, string prefix, StreamIndex index)
    {
        var indent = index.ItemIndent < 0 ? EventBlockWriter.DefaultItemIndent : index.ItemIndent;
        var start = log.Length;
        var text = new StringBuilder(prefix);
        var positions = new List<long>(events.Count);
        foreach (var e in events)
        {
            positions.Add(start + Encoding.UTF8.GetByteCount(text.ToString()));
            text.Append(EventBlockWriter.Block(e, indent));
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());

        // One write of the whole batch at the end of the file; the caller fsyncs before reporting success.
        RandomAccess.Write(log.SafeFileHandle, bytes, start);
        for (var i = 0; i < events.Count; i++)
        {
            index.Add(events[i].Id!, index.Count, positions[i], indent);
        }

        index.Advance(start + bytes.Length);
        return new AppendResult(index.Count - 1, positions[^1], Appended: true);
    }

    /// <summary>
    /// Makes sure the file is sound and ends at a good boundary before writing: the full path parses the whole
    /// file, sets a torn tail aside, or refuses a corrupt file (left untouched); the fast path reads the last line.
    /// Returns text to write before the first block (for foreign files lacking <c>events:</c> or a final newline).
    /// </summary>
    private (string Prefix, TornTail? Torn) PrepareTail(string path, FileStream log, StreamIndex index)
    {
        var length = log.Length;

        // The first time this process touches the file it parses all of it, so a corrupt file is refused whole;
        // after that only the tail needs checking, since every byte before it has been seen.
        if (index.ScannedLength > 0)
        {
            var window = new byte[Math.Min(length, TailWindow)];
            RandomAccess.Read(log.SafeFileHandle, window, length - window.Length);
            if (TailInspector.EndsAtBoundary(window))
            {
                return (string.Empty, null);
            }
        }

        var data = new byte[length];
        RandomAccess.Read(log.SafeFileHandle, data, 0);
        var inspection = TailInspector.Inspect(path, data);
        if (inspection.Verdict == TailVerdict.Torn)
        {
            var torn = TornTailRepair.SetAside(path, log, inspection.Boundary, _time);
            index.Reset();
            return (string.Empty, torn);
        }

        return (ForeignPrefix(path, data), null);
    }

    private static string ForeignPrefix(string path, byte[] data)
    {
        var newline = data.Length > 0 && data[^1] == (byte)'\n' ? string.Empty : "\n";
        var hasEventsKey = false;
        foreach (var range in data.AsSpan().Split((byte)'\n'))
        {
            var line = data.AsSpan()[range];
            if (TailInspector.IsEventsKey(line))
            {
                hasEventsKey = true;
            }
            else if (line.StartsWith("events:"u8))
            {
                throw new HistoryException(HistoryErrorKind.Corrupt,
                    $"cannot append to {path}: its 'events' list is written in flow style ([...]); rewrite it as a block list by hand") { Path = path };
            }
        }

        return hasEventsKey ? newline : newline + "events:\n";
    }
}
