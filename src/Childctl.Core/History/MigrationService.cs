using Childctl.Kubernetes;
using Legacy = Childctl.History.Legacy;

namespace Childctl.Core.History;

/// <summary>Import the legacy state folder <see cref="From"/> into history; a dry run reports and writes nothing.</summary>
public sealed record MigrationRequest(string From, bool DryRun);

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
/// What migrate did (or would do) for one legacy cluster: events found in the legacy files, how many were new, already
/// imported, or old-sync noise (imported, flagged), and whether a state snapshot was among them.
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

/// <summary>
/// <c>migrate</c>: imports the legacy bash tools' <c>state/cluster-*-{events,state}.yaml</c> into the history of the
/// kubeconfig context's management cluster, in -n's namespace (else kcm-system) for files that name none. Idempotent;
/// state files become dated snapshots, never state.
/// </summary>
public sealed class MigrationService(Session session)
{
    public async Task<MigrationReport> MigrateAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cluster = session.ClusterFor("migrate files history under the management cluster of the kubeconfig context");
        var options = new Legacy.MigrationOptions(request.From, cluster.ClusterName, session.Options.ExplicitNamespace ?? KubeconfigResolver.FallbackNamespace,
            request.DryRun, session.Time);
        var report = await LocalHistory.GuardAsync(() => new Legacy.LegacyMigrator(session.History.Store).MigrateAsync(options, cancellationToken));
        return new MigrationReport(report.From, report.DryRun, report.BackupDirectory, report.Items.Select(i => new MigrationItem(
            i.Cluster, i.Namespace, i.Files, i.Found, i.Imported, i.AlreadyPresent, i.SyncNoise, i.StateSnapshot, Status(i.Status), i.Note)).ToList(),
            report.OtherFiles);
    }

    private static MigrationStatus Status(Legacy.MigrationStatus status) => status switch
    {
        Legacy.MigrationStatus.Imported => MigrationStatus.Imported,
        Legacy.MigrationStatus.UpToDate => MigrationStatus.UpToDate,
        Legacy.MigrationStatus.Empty => MigrationStatus.Empty,
        _ => MigrationStatus.Skipped,
    };
}
