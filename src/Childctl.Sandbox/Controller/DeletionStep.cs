namespace Childctl.Sandbox.Controller;

/// <summary>The simulated stages of tearing a cluster down, in order.</summary>
internal enum DeletionStep
{
    CloudResources,
    Release,
    Workers,
    ControlPlane,
    Infrastructure,
    Done,
}
