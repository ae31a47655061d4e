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
