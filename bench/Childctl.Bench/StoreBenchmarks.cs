using BenchmarkDotNet.Attributes;
using Childctl.History.Store;

namespace Childctl.Bench;

/// <summary>In-process costs: one append with its fsync, and reading one cluster of 100 events.</summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"childctl-bdn-{Guid.NewGuid():N}");
    private FileHistoryStore _store = null!;
    private HistoryStreamId _appendStream = null!;
    private HistoryStreamId _readStream = null!;
    private int _sequence;

    [GlobalSetup]
    public void Setup()
    {
        HistoryGenerator.Run([_root, "10", "100"]);
        _store = new FileHistoryStore(_root);
        _appendStream = new HistoryStreamId(HistoryGenerator.ManagementCluster, "kcm-system", "append-target");
        _readStream = new HistoryStreamId(HistoryGenerator.ManagementCluster, "team-3", HistoryGenerator.ClusterName(3));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public Task<AppendResult> AppendOneEventWithFsync() =>
        _store.AppendAsync(_appendStream, [HistoryGenerator.Event(DateTimeOffset.UtcNow, 1, 1) with { Id = $"bdn-{_sequence++}" }]);

    [Benchmark]
    public Task<StreamRead> ReadOneClusterOf100Events() => _store.ReadAsync(_readStream);
}
