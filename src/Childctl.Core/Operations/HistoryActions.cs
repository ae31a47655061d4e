namespace Childctl.Core.Operations;

/// <summary>The history actions the lifecycle operations write (DESIGN.md "History format").</summary>
public static class HistoryActions
{
    public const string ClusterCreated = "cluster_created";
    public const string ClusterCreateFailed = "cluster_create_failed";
    public const string ClusterDeleted = "cluster_deleted";
    public const string ClusterDeleteFailed = "cluster_delete_failed";
    public const string ClusterScaled = "cluster_scaled";
    public const string ClusterScaleFailed = "cluster_scale_failed";
    public const string ClusterUpgraded = "cluster_upgraded";
    public const string ClusterUpgradeFailed = "cluster_upgrade_failed";
    public const string KubeconfigRetrieved = "kubeconfig_retrieved";
    public const string ObservedReady = "observed_ready";
    public const string ObservedFailed = "observed_failed";
    public const string ObservedDeleted = "observed_deleted";
}
