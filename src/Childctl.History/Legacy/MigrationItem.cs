namespace Childctl.History.Legacy;

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
