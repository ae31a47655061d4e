using Childctl.History.Codec;
using Childctl.History.Redaction;

namespace Childctl.History.Store;

/// <summary>
/// The store contract without files, for tests of code that records history. Same validation, redaction
/// and idempotency as <see cref="FileHistoryStore"/>; positions count events instead of bytes.
/// </summary>
public sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly Dictionary<HistoryStreamId, List<HistoryEvent>> _streams = [];
    private readonly Lock _lock = new();
    private readonly Dictionary<HistoryStreamId, int> _inFlight = [];
    private readonly HashSet<HistoryStreamId> _settling = [];

    public async Task<IDisposable> HoldChangeAsync(HistoryStreamId stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        while (true)
        {
            lock (_lock)
            {
                if (!_settling.Contains(stream))
                {
                    _inFlight[stream] = _inFlight.GetValueOrDefault(stream) + 1;
                    return new Release(() => _inFlight[stream]--, _lock);
                }
            }

            await Task.Yield();
        }
    }

    public IDisposable? TryHoldForSettling(HistoryStreamId stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_lock)
        {
            return _inFlight.GetValueOrDefault(stream) > 0 || !_settling.Add(stream) ? null : new Release(() => _settling.Remove(stream), _lock);
        }
    }

    public Task<AppendResult> AppendAsync(HistoryStreamId stream, IReadOnlyList<HistoryEvent> events, AppendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        EventValidation.Validate(events);
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out var list))
            {
                _streams[stream] = list = [];
            }

            var existing = events.Select(e => list.FindIndex(x => x.Id == e.Id)).ToList();
            if (existing.All(i => i >= 0))
            {
                return Task.FromResult(new AppendResult(existing[^1], existing[^1], Appended: false));
            }

            if (existing.Any(i => i >= 0))
            {
                throw new HistoryException(HistoryErrorKind.IdConflict, $"some events of this batch are already in {stream} and some are not");
            }

            list.AddRange(events.Select(Redactor.AsRecorded));
            return Task.FromResult(new AppendResult(list.Count - 1, list.Count - 1, Appended: true));
        }
    }

    public Task CheckAppendableAsync(HistoryStreamId stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        return Task.CompletedTask;
    }

    public Task<StreamRead> ReadAsync(HistoryStreamId stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Validate();
        lock (_lock)
        {
            var document = _streams.TryGetValue(stream, out var list)
                ? new HistoryDocument(new HistoryHeader { ClusterName = stream.Name, Namespace = stream.Namespace }, list.ToList())
                : null;
            return Task.FromResult(new StreamRead(stream, $"memory:{stream}", document, null));
        }
    }

    public IReadOnlyList<StreamInfo> ListStreams(string? managementCluster = null, string? ns = null, string? name = null)
    {
        if (ns is not null)
        {
            Storage.KubernetesNames.ValidateNamespace(ns);
        }

        if (name is not null)
        {
            Storage.KubernetesNames.ValidateClusterName(name);
        }

        lock (_lock)
        {
            return _streams.Keys
                .Where(s => (managementCluster is null || s.ManagementCluster == managementCluster) && (ns is null || s.Namespace == ns) && (name is null || s.Name == name))
                .OrderBy(s => s.ToString(), StringComparer.Ordinal)
                .Select(s => new StreamInfo(s, $"memory:{s}"))
                .ToList();
        }
    }

    public IReadOnlyList<string> ListManagementClusters()
    {
        lock (_lock)
        {
            return _streams.Keys.Select(s => s.ManagementCluster).Distinct().Order(StringComparer.Ordinal).ToList();
        }
    }

    private sealed class Release(Action release, Lock gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                lock (gate)
                {
                    release();
                }
            }
        }
    }
}
