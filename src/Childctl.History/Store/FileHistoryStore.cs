using System.Collections.Concurrent;
using Childctl.History.Codec;
using Childctl.History.Legacy;
using Childctl.History.Storage;

namespace Childctl.History.Store;

/// <summary>
/// The history store on disk: <c>&lt;root&gt;/&lt;management-cluster&gt;/&lt;namespace&gt;/&lt;name&gt;.yaml</c>, one
/// append-only YAML file per cluster name (see <see cref="IHistoryStore"/> for the contract).
/// </summary>
/// <remarks>
/// Concurrency: appends to one file are serialised across processes by <c>flock</c> on a lock file beside it
/// and, within this process, by a semaphore per file. Readers take no lock: a block being written shows up as
/// an incomplete tail, so a reader that sees one takes the lock and looks again before calling it torn.
/// </remarks>
public sealed partial class FileHistoryStore : IHistoryStore
{
    private readonly HistoryLayout _layout;
    private readonly TimeProvider _time;
    private readonly DiskIo _io;
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public FileHistoryStore(string root, TimeProvider? time = null)
        : this(root, time, DiskIo.Real)
    {
    }

    /// <summary>With <paramref name="io"/>, tests make writes, fsyncs and cuts fail as a full or broken disk would.</summary>
    internal FileHistoryStore(string root, TimeProvider? time, DiskIo io)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _layout = new HistoryLayout(root);
        _time = time ?? TimeProvider.System;
        _io = io ?? throw new ArgumentNullException(nameof(io));
    }

    public string Root => _layout.Root;

    /// <summary>
    /// Receives what the store did on its own that the user should know: a history file readable by others that it
    /// tightened to 0600. One line each, ready for stderr; nothing is lost when it is not set.
    /// </summary>
    public Action<string>? OnWarning { get; init; }

    /// <summary>The file a stream lives in (whether or not it exists yet).</summary>
    public string PathOf(HistoryStreamId stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        return _layout.FilePath(stream);
    }

    /// <summary>
    /// This machine's folder for the team store of one management cluster, beside its history: the outbox of pending
    /// events (<see cref="Team.TeamOutbox"/>) and what it learnt of the store (<see cref="Team.TeamState"/>).
    /// </summary>
    public string TeamDirectory(string managementCluster)
    {
        ArgumentException.ThrowIfNullOrEmpty(managementCluster);
        return Path.Combine(_layout.ManagementClusterDirectory(managementCluster, create: false), ".team");
    }

    public Team.TeamOutbox TeamOutbox(string managementCluster) => new(TeamDirectory(managementCluster));

    public IReadOnlyList<string> ListManagementClusters() => Listing(() => _layout.ManagementClusters().Select(m => m.Name).ToList());

    public IReadOnlyList<StreamInfo> ListStreams(string? managementCluster = null, string? ns = null, string? name = null)
    {
        if (ns is not null)
        {
            KubernetesNames.ValidateNamespace(ns);
        }

        if (name is not null)
        {
            KubernetesNames.ValidateClusterName(name); // it becomes part of a path below
        }

        return Listing(() =>
        {
            var result = new List<StreamInfo>();
            foreach (var (mc, dir) in _layout.ManagementClusters())
            {
                if (managementCluster is null || mc == managementCluster)
                {
                    result.AddRange(HistoryLayout.Files(dir, ns, name).Select(f => new StreamInfo(new HistoryStreamId(mc, f.Namespace, f.Name), f.Path)));
                }
            }

            return result;
        });
    }

    private T Listing<T>(Func<T> list)
    {
        try
        {
            return list();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FilePaths.FileInTheWay(Root) is { } file
                ? HistoryException.FileInTheWay(Root, "list the history folder", file, e)
                : HistoryException.Io(Root, "list the history folder", e);
        }
    }

    public Task<IDisposable> HoldChangeAsync(HistoryStreamId stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        var path = PrepareFolder(stream);
        // Blocks only while a settler holds the stream, which it does for one read back and one append.
        return Task.Run<IDisposable>(() => FileLock.AcquireSharedCreating(HistoryLayout.ChangesLockPath(path)) ?? (IDisposable)new FileLockNone(), cancellationToken);
    }

    public IDisposable? TryHoldForSettling(HistoryStreamId stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        var path = PathOf(stream);
        return Directory.Exists(Path.GetDirectoryName(path)) ? FileLock.TryAcquireExclusive(HistoryLayout.ChangesLockPath(path)) : null;
    }

    private async Task<T> WithLockAsync<T>(string path, Func<StreamIndex, T> action, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(path, _ => new Gate());
        await gate.Mutex.WaitAsync(cancellationToken);
        try
        {
            using var fileLock = FileLock.Acquire(HistoryLayout.LockPath(path), cancellationToken);
            return action(gate.Index);
        }
        finally
        {
            gate.Mutex.Release();
        }
    }

    private void Warn(string? warning)
    {
        if (warning is not null)
        {
            OnWarning?.Invoke(warning);
        }
    }

    private sealed class FileLockNone : IDisposable
    {
        public void Dispose()
        {
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Mutex { get; } = new(1, 1);

        public StreamIndex Index { get; } = new();
    }

    // Reading, which never writes: not a side file, not a cut, not a lock file. So history reads on a read-only or full
    // disk, and a torn tail is only reported and skipped (the next append sets it aside).

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

        var document = inspection.Document.HasLegacyEntries ? LegacyEventMapper.AsRead(inspection.Document) : inspection.Document;
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
            // A file where a folder of the path should be is the user's to move, as when appending (SecureFiles).
            throw FilePaths.FileInTheWay(Path.GetDirectoryName(path) ?? path) is { } file
                ? HistoryException.FileInTheWay(path, "read", file, e)
                : HistoryException.Io(path, "read", e);
        }
    }
}
