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

/// <summary>
/// The default error texts of injected failures: what each cloud really answers when a quota is exhausted
/// or a teardown is blocked, so that demos and tests see realistic CAPI messages.
/// </summary>
internal static class FailureMessages
{
    public static string For(CapiContext c, string machine)
    {
        if (c.Failure.Message is { } custom)
        {
            return custom;
        }

        return (c.Profile?.Provider, c.Failure.At) switch
        {
            (CloudProvider.Aws, FailurePoint.Infrastructure) =>
                "failed to create new VPC: VpcLimitExceeded: The maximum number of VPCs has been reached.",
            (CloudProvider.Aws, FailurePoint.Deletion) =>
                $"failed to delete VPC vpc-0{StableHash.Hex(StableHash.RandomFor(c.Uid), 16)}: DependencyViolation: The vpc has dependencies and cannot be deleted.",
            (CloudProvider.Aws, _) =>
                "failed to create AWSMachine instance: VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.",
            (CloudProvider.Gcp, FailurePoint.Infrastructure) =>
                "googleapi: Error 403: Quota 'NETWORKS' exceeded.  Limit: 5.0 globally., quotaExceeded",
            (CloudProvider.Gcp, FailurePoint.Deletion) =>
                $"googleapi: Error 400: The network resource 'projects/{c.Config.Project}/global/networks/{c.Name}-network' is already being used by 'projects/{c.Config.Project}/global/firewalls/{c.Name}-allow-ssh', resourceInUseByAnotherResource",
            (CloudProvider.Gcp, _) =>
                $"googleapi: Error 403: Quota 'CPUS' exceeded.  Limit: 24.0 in region {c.Config.Region}., quotaExceeded",
            (_, FailurePoint.Deletion) =>
                $"failed to delete resource group {c.Name}: ScopeLocked: The scope '/subscriptions/{c.Config.Subscription}/resourceGroups/{c.Name}' cannot perform delete operation because following scope(s) are locked: '/subscriptions/{c.Config.Subscription}/resourceGroups/{c.Name}'. Please remove the lock and try again.",
            _ =>
                $"failed to create or update resource {c.Name}/{machine} (service: virtualmachine): OperationNotAllowed: Operation could not be completed as it results in exceeding approved Total Regional Cores quota. Additional details - Deployment Model: Resource Manager, Location: {c.Config.Region}, Current Limit: 10, Current Usage: 8, Additional Required: 4, (Minimum) New Limit Required: 12.",
        };
    }

    /// <summary>The trailing error of a failed Helm install or upgrade.</summary>
    public static string HelmRelease(FailureInjection failure) => failure.Message ?? "context deadline exceeded";
}
