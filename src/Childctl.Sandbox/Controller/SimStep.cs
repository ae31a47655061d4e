namespace Childctl.Sandbox.Controller;

/// <summary>
/// One step of simulated provisioning or change. While a step runs, the cluster shows that step's
/// HelmReleaseReady and CAPIClusterSummary; when it completes, the next one starts.
/// </summary>
internal enum SimStep
{
    InstallRelease,
    Infrastructure,
    ControlPlaneInitializing,
    ControlPlaneAvailable,
    Workers,
    Services,
    UpgradeRelease,
    RollControlPlane,
    RollWorkers,
    ScaleControlPlane,
    ScaleWorkers,
}
