using System.Diagnostics;
using System.Globalization;
using Childctl.History.Store;

namespace Childctl.Bench;

/// <summary>
/// Per-append latency, including the fsync, of one writer appending one event at a time to one file:
/// the cost a command pays to record history. Prints p50, p90, p99 and max.
/// </summary>
public static class AppendLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = args[0];
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var store = new FileHistoryStore(root);
        var stream = new HistoryStreamId(HistoryGenerator.ManagementCluster, "kcm-system", "latency-probe");
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var e = HistoryGenerator.Event(DateTimeOffset.UtcNow, 1, i) with { Id = $"latency-{Guid.NewGuid():N}" };
            var started = Stopwatch.GetTimestamp();
            await store.AppendAsync(stream, [e]);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        double P(double q) => samples[Math.Min(count - 1, (int)Math.Ceiling(q * count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"append latency over {count} appends (incl. fsync): p50 {P(0.50):F3} ms, p90 {P(0.90):F3} ms, p99 {P(0.99):F3} ms, max {samples[^1]:F3} ms"));
        return 0;
    }
}
