using Childctl.History.Codec;

namespace Childctl.History.Store;

public sealed partial class FileHistoryStore
{
    // Far above any real cluster's history; refuses to load a runaway file into memory.
    private const long MaxFileBytes = 1L << 30;

    public async Task<StreamRead> ReadAsync(HistoryStreamId stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        var path = _layout.FilePath(stream);
        return await ReadFileAsync(stream, path, cancellationToken);
    }

    private async Task<StreamRead> ReadFileAsync(HistoryStreamId stream, string path, CancellationToken cancellationToken)
    {
        var data = ReadBytes(path);
        if (data is null)
        {
            return new StreamRead(stream, path, null, null);
        }

        var inspection = TailInspector.Inspect(path, data);
        if (inspection.Verdict == TailVerdict.Complete)
        {
            return new StreamRead(stream, path, inspection.Document, null);
        }

        // Maybe a writer is mid-append: look again under the lock before calling it torn.
        return await WithLockAsync(path, index => RepairLocked(stream, path), cancellationToken);
    }

    private StreamRead RepairLocked(HistoryStreamId stream, string path)
    {
        using var log = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        var data = new byte[log.Length];
        RandomAccess.Read(log.SafeFileHandle, data, 0);
        var inspection = TailInspector.Inspect(path, data);
        if (inspection.Verdict == TailVerdict.Complete)
        {
            return new StreamRead(stream, path, inspection.Document, null);
        }

        var torn = TornTailRepair.SetAside(path, log, inspection.Boundary, _time);
        return new StreamRead(stream, path, inspection.Document, torn);
    }

    private static byte[]? ReadBytes(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                throw HistoryException.Corrupt(path, 1, $"the file is {info.Length} bytes, more than history can hold ({MaxFileBytes})");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw HistoryException.Io(path, "read", e);
        }
    }
}
