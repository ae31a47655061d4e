using System.Diagnostics;
using System.Globalization;
using Childctl.History.Query;
using Childctl.History.Store;

namespace Childctl.Bench;

/// <summary>Reads every cluster's history (as <c>childctl history</c> without NAME does) and reports throughput.</summary>
public static class TimelineScan
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reader = new HistoryReader(new FileHistoryStore(args[0]));
        var started = Stopwatch.GetTimestamp();
        long events = 0;
        long bytes = 0;
        var clusters = 0;
        await foreach (var cluster in reader.ReadManyAsync(null, null, null, HistoryFilter.All))
        {
            clusters++;
            events += cluster.Events.Count;
            bytes += new FileInfo(cluster.Path).Length;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timeline scan: {clusters} clusters, {events} events, {bytes / 1048576.0:F1} MiB in {seconds:F2} s = {events / seconds:F0} events/s, {bytes / 1048576.0 / seconds:F1} MiB/s"));
        return 0;
    }
}
