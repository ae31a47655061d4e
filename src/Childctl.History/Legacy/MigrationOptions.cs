namespace Childctl.History.Legacy;

/// <summary>
/// What <c>childctl migrate</c> was asked: the legacy state folder, the management cluster to file history under,
/// the namespace for clusters whose state file names none, whether to only report, and the clock (for the
/// backup folder's name).
/// </summary>
public sealed record MigrationOptions(string From, string ManagementCluster, string DefaultNamespace, bool DryRun, TimeProvider Time);
