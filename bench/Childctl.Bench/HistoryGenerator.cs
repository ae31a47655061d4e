using System.Globalization;
using System.Text;
using Childctl.History.Codec;
using Childctl.History.Store;

namespace Childctl.Bench;

/// <summary>
/// Writes a realistic history folder straight to disk (no fsync per event, so a million events take seconds):
/// one management cluster, clusters spread over 10 namespaces, each with create/observe/scale/note events.
/// </summary>
public static class HistoryGenerator
{
    public const string ManagementCluster = "k0rdent-bench";

    public static int Run(string[] args)
    {
        var root = args[0];
        var clusters = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var perCluster = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        var mcDir = Path.Combine(root, ManagementCluster);
        Directory.CreateDirectory(mcDir);
        File.WriteAllText(Path.Combine(mcDir, ".management-cluster"), ManagementCluster + "\n");
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long bytes = 0;
        for (var c = 0; c < clusters; c++)
        {
            var ns = $"team-{c % 10}";
            var name = ClusterName(c);
            Directory.CreateDirectory(Path.Combine(mcDir, ns));
            var text = new StringBuilder(EventBlockWriter.Header(new HistoryHeader { ClusterName = name, Namespace = ns }));
            for (var i = 0; i < perCluster; i++)
            {
                text.Append(EventBlockWriter.Block(Event(start.AddMinutes((c * 7L) + (i * 13L)), c, i)));
            }

            var path = Path.Combine(mcDir, ns, name + ".yaml");
            File.WriteAllText(path, text.ToString());
            bytes += new FileInfo(path).Length;
        }

        Console.WriteLine($"wrote {clusters} clusters x {perCluster} events = {(long)clusters * perCluster} events, {bytes / 1048576.0:F1} MiB under {root}");
        return 0;
    }

    public static string ClusterName(int c) => $"cluster-{c:D5}";

    public static HistoryEvent Event(DateTimeOffset at, int c, int i)
    {
        var actions = new[] { "cluster_created", "observed_ready", "cluster_scaled", "note_added", "observed_changed_elsewhere" };
        var incarnation = i / 50;
        return new HistoryEvent
        {
            Timestamp = at,
            Id = EventIds.New(at),
            Action = i == 0 ? "cluster_created" : actions[i % actions.Length],
            User = $"user{c % 17}",
            Uid = $"6a1f{c:D4}-0000-4000-8000-{incarnation:D12}",
            ManagementCluster = new ManagementClusterRef(ManagementCluster, "https://10.0.0.4:6443"),
            Operation = EventIds.New(at),
            Parameters = i % 5 == 0 ? new Dictionary<string, string> { ["template"] = "azure-standalone-cp-1-0-45", ["location"] = "eastus", ["workers"] = (i % 9).ToString(CultureInfo.InvariantCulture) } : null,
            Command = i % 5 == 0 ? $"childctl create azure {ClusterName(c)} --location eastus --workers {i % 9}" : null,
            Message = $"event {i} of {ClusterName(c)}",
            Result = "succeeded",
            Source = EventSources.Childctl,
        };
    }
}
