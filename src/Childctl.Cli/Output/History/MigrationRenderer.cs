using System.Globalization;
using Childctl.Core.History;

namespace Childctl.Cli.Output.History;

/// <summary>Renders the migrate report: a table per legacy cluster on stdout, what happened on stderr.</summary>
internal static class MigrationRenderer
{
    public static string Render(MigrationReport report, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                return HistoryJson.Migration(report) + "\n";
            case OutputFormat.Name:
                return string.Concat(report.Items.Select(i => $"{i.Namespace}/{i.Cluster}\n"));
            default:
                var table = new TableWriter("CLUSTER", "NAMESPACE", "STATUS", "FOUND", "IMPORTED", "ALREADY", "SYNC NOISE", "STATE SNAPSHOT", "NOTE");
                foreach (var i in report.Items)
                {
                    table.AddRow(i.Cluster, i.Namespace, Status(i, report.DryRun), Count(i.Found), Count(i.Imported), Count(i.AlreadyPresent), Count(i.SyncNoise),
                        i.StateSnapshot ? "historical" : "-", i.Note ?? string.Join(", ", i.Files));
                }

                return table.Render();
        }
    }

    public static IEnumerable<string> Narration(MigrationReport report, string managementCluster)
    {
        yield return $"Legacy files in {report.From} → history of management cluster {managementCluster}";
        foreach (var other in report.OtherFiles)
        {
            yield return $"skipped {other}: not a per-cluster file (management-level events are not imported)";
        }

        yield return report.DryRun
            ? "Dry run: nothing was written or moved. Run again without --dry-run to import."
            : report.BackupDirectory is null ? "Nothing was moved." : $"Originals moved to {report.BackupDirectory}";
        yield return "Legacy state files are imported as dated historical snapshots, never as current state.";
    }

    private static string Status(MigrationItem item, bool dryRun) => item.Status switch
    {
        MigrationStatus.Imported => dryRun ? "would import" : "imported",
        MigrationStatus.UpToDate => "already imported",
        MigrationStatus.Empty => "empty",
        _ => "skipped",
    };

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
