namespace Childctl.History.Legacy;

/// <summary>
/// What <c>childctl migrate</c> was asked: the legacy state folder, the management cluster to file history under,
/// the namespace for clusters whose state file names none, whether to only report, and the clock (for the
/// backup folder's name).
/// </summary>
public sealed record MigrationOptions(string From, string ManagementCluster, string DefaultNamespace, bool DryRun, TimeProvider Time);

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

/// <summary>
/// What migrate did (or would do) for one legacy cluster: events found in the legacy files, how many were new,
/// already imported, or old-sync noise (imported, flagged), and whether a state snapshot was among them.
/// </summary>
public sealed record MigrationItem(
    string Cluster,
    string Namespace,
    IReadOnlyList<string> Files,
    int Found,
    int Imported,
    int AlreadyPresent,
    int SyncNoise,
    bool StateSnapshot,
    MigrationStatus Status,
    string? Note);

/// <summary>The outcome for one legacy cluster.</summary>
public enum MigrationStatus
{
    /// <summary>New events were appended (or would be, in a dry run).</summary>
    Imported,

    /// <summary>Everything was already in history: a repeated run.</summary>
    UpToDate,

    /// <summary>The files hold nothing to import (empty or never initialised); they are still backed up.</summary>
    Empty,

    /// <summary>Not imported (bad name, unreadable file); the files stay where they are.</summary>
    Skipped,
}
