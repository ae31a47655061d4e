namespace Childctl.Sandbox.Controller;

/// <summary>Condition reasons used by k0rdent (common.go), Flux's helm-controller and Cluster API's summary.</summary>
public static class Reasons
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Progressing = "Progressing";
    public const string Deleting = "Deleting";
    public const string NotPaused = "NotPaused";
    public const string InstallSucceeded = "InstallSucceeded";
    public const string InstallFailed = "InstallFailed";
    public const string UpgradeSucceeded = "UpgradeSucceeded";
    public const string UpgradeFailed = "UpgradeFailed";
    public const string InfoReported = "InfoReported";
    public const string IssuesReported = "IssuesReported";
    public const string DeletionCompleted = "DeletionCompleted";
    public const string WaitingForClusterDeletion = "WaitingForClusterDeletion";
    public const string WaitingForHelmReleaseDeletion = "WaitingForHelmReleaseDeletion";
    public const string WaitingForCloudResourcesDeletion = "WaitingForCloudResourcesDeletion";
}
