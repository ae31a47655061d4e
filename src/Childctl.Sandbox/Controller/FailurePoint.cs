namespace Childctl.Sandbox.Controller;

/// <summary>Where an injected failure stops a simulated cluster (annotation <c>sandbox.childctl.dev/fail-at</c>).</summary>
public enum FailurePoint
{
    None,
    HelmChart,
    HelmRelease,
    Infrastructure,
    ControlPlane,
    Workers,
    Deletion,
}
