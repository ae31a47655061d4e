namespace Childctl.Core.ClusterDeployments;

/// <summary>childctl's phase of a ClusterDeployment (REFERENCE.md §8); k0rdent itself has no phase field.</summary>
public enum ClusterPhase
{
    Provisioning,
    Ready,
    Failed,
    Deleting,
    DryRun,
}
