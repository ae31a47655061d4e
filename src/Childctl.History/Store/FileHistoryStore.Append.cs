using System.Text;
using Childctl.History.Codec;
using Childctl.History.Redaction;
using Childctl.History.Storage;
using Microsoft.Win32.SafeHandles;

namespace Childctl.History.Store;

public sealed partial class FileHistoryStore
{
    public async Task<AppendResult> AppendAsync(HistoryStreamId stream, IReadOnlyList<HistoryEvent> events, AppendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        EventValidation.Validate(events);
        var redacted = events.Select(Redactor.AsRecorded).ToList();
        var path = PrepareFolder(stream);
        try
        {
            var (result, written) = await WithLockAsync(path, index => AppendLocked(stream, path, redacted, options, index), cancellationToken);
            if (written is not null)
            {
                // The fsync runs after the lock is released: it flushes every write made to the file so far, so
                // concurrent appenders share flushes and none of them returns before its own bytes are on disk.
                await FlushAsync(path, written);
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
        var path = PrepareFolder(stream);
        try
        {
            await WithLockAsync(path, _ => CheckLocked(stream, path), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw HistoryException.Io(path, "append to", e);
        }
    }

    private string PrepareFolder(HistoryStreamId stream)
    {
        var dir = Path.Combine(_layout.ManagementClusterDirectory(stream.ManagementCluster, create: true), stream.Namespace);
        SecureFiles.EnsureDirectory(dir);
        return Path.Combine(dir, stream.Name + HistoryLayout.Extension);
    }

    /// <summary>The checks of an append on the file as it is, with a probe event, writing nothing (a fresh index: always the full path).</summary>
    private bool CheckLocked(HistoryStreamId stream, string path)
    {
        using var log = SecureFiles.OpenExisting(path, write: true);
        if (log is not null)
        {
            Warn(SecureFiles.TightenToPrivate(log, path));
            var scratch = new StreamIndex();
            var plan = PlanAppend(stream, path, log, scratch, repair: false);
            scratch.Scan(plan.Data ?? []);
            var probe = new HistoryEvent { Timestamp = _time.GetUtcNow(), Id = "probe", Action = EventActions.NoteAdded, Source = EventSources.Childctl };
            var block = EventBlockWriter.Block(probe, scratch.ItemIndent < 0 ? EventBlockWriter.DefaultItemIndent : scratch.ItemIndent);
            Verify(path, plan, Encode(plan.Prefix + block, plan.NewLine), 1);
        }

        return true;
    }

    /// <summary>Runs under the lock; returns the log still open when it wrote, for the caller to flush.</summary>
    private (AppendResult Result, Written? Written) AppendLocked(HistoryStreamId stream, string path, List<HistoryEvent> events, AppendOptions? options, StreamIndex index)
    {
        var log = SecureFiles.OpenExisting(path, write: true);
        if (log is null)
        {
            var header = new HistoryHeader { ClusterName = stream.Name, Namespace = stream.Namespace, CreatedAt = options?.CreatedAt, LastUpdated = options?.LastUpdated };
            SecureFiles.RemoveStrayTemps(Path.GetDirectoryName(path)!, Path.GetFileName(path));
            SecureFiles.CreateDurably(path, Encoding.UTF8.GetBytes(EventBlockWriter.Header(header)), _io, TempPath(path));
            index.Reset();
            log = SecureFiles.OpenExisting(path, write: true) ?? throw new HistoryException(HistoryErrorKind.Io, $"history file {path} vanished as it was created") { Path = path };
        }

        try
        {
            Warn(SecureFiles.TightenToPrivate(log, path));
            var (result, written) = AppendOpen(stream, path, log, events, index);
            if (written is null)
            {
                log.Dispose();
            }

            return (result, written);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    private (AppendResult Result, Written? Written) AppendOpen(HistoryStreamId stream, string path, SafeFileHandle log, List<HistoryEvent> events, StreamIndex index)
    {
        byte[] Read(long offset, int count)
        {
            var bytes = new byte[count];
            RandomAccess.Read(log, bytes, offset);
            return bytes;
        }

        if (!index.StillMatches(Read, RandomAccess.GetLength(log)))
        {
            index.Reset(); // the file was replaced or cut by hand: trust nothing cached
        }

        var plan = PlanAppend(stream, path, log, index, repair: true);
        var length = RandomAccess.GetLength(log);
        if (length > index.ScannedLength)
        {
            index.Scan(Read(index.ScannedLength, (int)(length - index.ScannedLength)));
            index.Remember(Read);
        }

        if (AlreadyPresent(path, events, index) is { } present)
        {
            return (present with { RepairedTail = plan.Torn }, null);
        }

        var indent = index.ItemIndent < 0 ? EventBlockWriter.DefaultItemIndent : index.ItemIndent;
        var blocks = events.Select(e => Encode(EventBlockWriter.Block(e, indent), plan.NewLine)).ToList();
        var prefix = Encode(plan.Prefix, plan.NewLine);
        Verify(path, plan, [.. prefix, .. blocks.SelectMany(b => b)], events.Count);
        var written = Write(path, log, length, prefix, blocks, index);
        for (var i = 0; i < events.Count; i++)
        {
            index.Add(events[i].Id!, index.Count, written.Positions[i], indent);
        }

        index.Advance(written.End);
        index.Remember(Read);
        return (new AppendResult(index.Count - 1, written.Positions[^1], Appended: true) { RepairedTail = plan.Torn }, written);
    }

    /// <summary>Idempotency: the existing position when every id of the batch is in the file, a conflict when only some are.</summary>
    private static AppendResult? AlreadyPresent(string path, List<HistoryEvent> events, StreamIndex index)
    {
        var existing = events.Select(e => index.TryGet(e.Id!, out var at) ? at : ((long, long)?)null).ToList();
        if (existing.All(at => at is not null))
        {
            var (version, position) = existing[^1]!.Value;
            return new AppendResult(version, position, Appended: false);
        }

        return existing.Any(at => at is not null)
            ? throw new HistoryException(HistoryErrorKind.IdConflict, $"some events of this batch are already in {path} and some are not; append them separately") { Path = path }
            : null;
    }

    /// <summary>
    /// One write of the whole batch at the end of the file. When it fails (a full disk can take part of the bytes
    /// first), the file is cut back to where it was before the failure is reported, still under the lock.
    /// </summary>
    private Written Write(string path, SafeFileHandle log, long start, byte[] prefix, List<byte[]> blocks, StreamIndex index)
    {
        var bytes = new byte[prefix.Length + blocks.Sum(b => b.Length)];
        prefix.CopyTo(bytes, 0);
        var positions = new List<long>(blocks.Count);
        var offset = prefix.Length;
        foreach (var block in blocks)
        {
            positions.Add(start + offset);
            block.CopyTo(bytes, offset);
            offset += block.Length;
        }

        try
        {
            _io.Write(log, bytes, start);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            index.Reset();
            throw WriteFailure(path, e, CutBack(log, start), "append to");
        }

        return new Written(log, start, start + bytes.Length, positions);
    }

    private async Task FlushAsync(string path, Written written)
    {
        try
        {
            _io.Flush(written.Log);
            written.Log.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Our bytes may not be on disk. Take them back out if nobody has appended after them; else they stay.
            var cut = await WithLockAsync(path, index =>
            {
                index.Reset();
                return RandomAccess.GetLength(written.Log) == written.End && CutBack(written.Log, written.Start);
            }, CancellationToken.None);
            written.Log.Dispose();
            throw WriteFailure(path, e, cut, "flush to disk");
        }
    }

    private bool CutBack(SafeFileHandle log, long start)
    {
        try
        {
            _io.SetLength(log, start);
            _io.Flush(log);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // what is left is a torn tail: the next append sets it aside, a reader skips it
        }
    }

    private static HistoryException WriteFailure(string path, Exception e, bool cut, string what)
    {
        var problem = DiskIo.IsDiskFull(e) ? "the disk is full" : e.Message.TrimEnd('.');
        var outcome = cut
            ? "nothing was recorded: the file was cut back to where the append started"
            : "the partial event could not be cut back; the next append sets it aside as a torn tail";
        return new HistoryException(HistoryErrorKind.Io, $"cannot {what} {path}: {problem}; {outcome}", e) { Path = path };
    }

    private static byte[] Encode(string text, string newLine) =>
        Encoding.UTF8.GetBytes(newLine == "\n" ? text : text.Replace("\n", newLine, StringComparison.Ordinal));

    /// <summary>An append written but not yet flushed: the open log and where its bytes lie.</summary>
    private sealed record Written(SafeFileHandle Log, long Start, long End, IReadOnlyList<long> Positions);
}
