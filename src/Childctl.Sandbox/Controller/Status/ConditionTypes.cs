namespace Childctl.Sandbox.Controller;

/// <summary>ClusterDeployment condition types and reasons, exactly as k0rdent writes them (REFERENCE.md §4).</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string TemplateReady = "TemplateReady";
    public const string CredentialReady = "CredentialReady";
    public const string HelmChartReady = "HelmChartReady";
    public const string HelmReleaseReady = "HelmReleaseReady";
    public const string CapiClusterSummary = "CAPIClusterSummary";
    public const string ServicesInReadyState = "ServicesInReadyState";
    public const string Deleting = "Deleting";
    public const string CloudResourcesDeleted = "CloudResourcesDeletedCondition";
    public const string Paused = "Paused";
}

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
