using System.Collections.Concurrent;
using Childctl.History.Naming;
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
                ? new HistoryException(HistoryErrorKind.Io, $"cannot list the history folder {Root}: {file} is a file, not a folder; move it aside or choose another --history-dir", e) { Path = Root }
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
}
