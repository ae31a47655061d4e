namespace Childctl.History.Legacy;

/// <summary>The whole migration: per-cluster outcomes, files that are not per-cluster, and where the originals went.</summary>
public sealed record MigrationReport(
    string From,
    bool DryRun,
    string? BackupDirectory,
    IReadOnlyList<MigrationItem> Items,
    IReadOnlyList<string> OtherFiles)
{
    public bool HasSkipped => Items.Any(i => i.Status == MigrationStatus.Skipped);
}
