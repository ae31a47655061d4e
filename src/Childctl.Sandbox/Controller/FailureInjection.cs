using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// A failure asked for through annotations on the ClusterDeployment, so it works through kubectl and
/// <c>childctl create -f</c> alike. Read on every reconcile: removing the annotation lets the cluster go on.
/// </summary>
internal sealed record FailureInjection(FailurePoint At, string? Message, bool Fast)
{
    public static readonly FailureInjection None = new(FailurePoint.None, null, false);

    public static FailureInjection From(JsonObject clusterDeployment)
    {
        var at = Parse(JsonAccess.Annotation(clusterDeployment, WellKnown.FailAtAnnotation));
        if (at == FailurePoint.None)
        {
            return None;
        }

        var message = JsonAccess.Annotation(clusterDeployment, WellKnown.FailMessageAnnotation);
        var fast = string.Equals(JsonAccess.Annotation(clusterDeployment, WellKnown.FailFastAnnotation), "true", StringComparison.OrdinalIgnoreCase);
        return new FailureInjection(at, string.IsNullOrWhiteSpace(message) ? null : message, fast);
    }

    /// <summary>Whether this failure holds the given step (a failure point covers install and change steps alike).</summary>
    public bool Stops(SimStep step) => (At, step) switch
    {
        (FailurePoint.HelmRelease, SimStep.InstallRelease or SimStep.UpgradeRelease) => true,
        (FailurePoint.Infrastructure, SimStep.Infrastructure) => true,
        (FailurePoint.ControlPlane, SimStep.ControlPlaneInitializing or SimStep.RollControlPlane or SimStep.ScaleControlPlane) => true,
        (FailurePoint.Workers, SimStep.Workers or SimStep.RollWorkers or SimStep.ScaleWorkers) => true,
        _ => false,
    };

    /// <summary>The annotation values: infrastructure, control-plane, workers, helm-chart, helm-release, deletion.</summary>
    public static FailurePoint Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "helm-chart" => FailurePoint.HelmChart,
        "helm-release" => FailurePoint.HelmRelease,
        "infrastructure" => FailurePoint.Infrastructure,
        "control-plane" => FailurePoint.ControlPlane,
        "workers" => FailurePoint.Workers,
        "deletion" => FailurePoint.Deletion,
        _ => FailurePoint.None,
    };
}
