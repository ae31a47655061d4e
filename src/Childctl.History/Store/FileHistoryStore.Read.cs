using Childctl.History.Codec;
using Childctl.History.Legacy;
using Childctl.History.Storage;

namespace Childctl.History.Store;

/// <summary>
/// Reading, which never writes: not a side file, not a cut, not a lock file. So history reads on a read-only or full
/// disk, and a torn tail is only reported and skipped (the next append sets it aside).
/// </summary>
public sealed partial class FileHistoryStore
{
    // Far above any real cluster's history; refuses to load a runaway file into memory.
    private const long MaxFileBytes = 1L << 30;

    public Task<StreamRead> ReadAsync(HistoryStreamId stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadFile(stream, _layout.FilePath(stream)));
    }

    private static StreamRead ReadFile(HistoryStreamId stream, string path)
    {
        var data = ReadBytes(path);
        if (data is null)
        {
            return new StreamRead(stream, path, null, null);
        }

        var inspection = TailInspector.Inspect(path, data);
        if (inspection.Verdict == TailVerdict.Torn)
        {
            // Maybe a writer is mid-append: wait for it (a shared lock, taken only if the lock file exists) and look again.
            using (FileLock.TryAcquireShared(HistoryLayout.LockPath(path)))
            {
                data = ReadBytes(path);
            }

            if (data is null)
            {
                return new StreamRead(stream, path, null, null);
            }

            inspection = TailInspector.Inspect(path, data);
        }

        var document = LegacyEventMapper.AsRead(inspection.Document);
        var torn = inspection.Verdict == TailVerdict.Torn ? new TornTail(path, null, inspection.Boundary, data.Length - inspection.Boundary) : null;
        return new StreamRead(stream, path, document, torn);
    }

    private static byte[]? ReadBytes(string path)
    {
        try
        {
            using var handle = SecureFiles.OpenExisting(path, write: false);
            if (handle is null)
            {
                return null;
            }

            var length = RandomAccess.GetLength(handle);
            if (length > MaxFileBytes)
            {
                throw HistoryException.Corrupt(path, 1, $"the file is {length} bytes, more than history can hold ({MaxFileBytes})");
            }

            var data = new byte[length];
            var read = 0;
            while (read < data.Length)
            {
                var n = RandomAccess.Read(handle, data.AsSpan(read), read);
                if (n == 0)
                {
                    return data[..read]; // cut while we read: what is there is what we have
                }

                read += n;
            }

            return data;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw HistoryException.Io(path, "read", e);
        }
    }
}
