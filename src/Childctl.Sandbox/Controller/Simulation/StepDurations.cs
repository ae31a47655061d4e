namespace Childctl.Sandbox.Controller;

/// <summary>
/// How long each simulated step takes at speed 1, tuned so that a cluster is Ready in about 8 minutes and
/// gone about 4 minutes after a delete, as with a small real Azure cluster. Each cluster gets a stable
/// jitter factor from its uid so that a batch does not move in lockstep.
/// </summary>
internal static class StepDurations
{
    public static TimeSpan Of(SimStep step) => step switch
    {
        SimStep.InstallRelease => TimeSpan.FromSeconds(15),
        SimStep.Infrastructure => TimeSpan.FromSeconds(150),
        SimStep.ControlPlaneInitializing => TimeSpan.FromSeconds(120),
        SimStep.ControlPlaneAvailable => TimeSpan.FromSeconds(90),
        SimStep.Workers => TimeSpan.FromSeconds(110),
        SimStep.Services => TimeSpan.FromSeconds(45),
        SimStep.UpgradeRelease => TimeSpan.FromSeconds(10),
        SimStep.RollControlPlane => TimeSpan.FromSeconds(150),
        SimStep.RollWorkers => TimeSpan.FromSeconds(120),
        SimStep.ScaleControlPlane => TimeSpan.FromSeconds(120),
        _ => TimeSpan.FromSeconds(100),
    };

    public static TimeSpan Of(DeletionStep step) => step switch
    {
        DeletionStep.CloudResources => TimeSpan.FromSeconds(30),
        DeletionStep.Release => TimeSpan.FromSeconds(10),
        DeletionStep.Workers => TimeSpan.FromSeconds(100),
        DeletionStep.ControlPlane => TimeSpan.FromSeconds(80),
        DeletionStep.Infrastructure => TimeSpan.FromSeconds(60),
        _ => TimeSpan.Zero,
    };

    /// <summary>A factor between 0.8 and 1.2, the same for a uid every time.</summary>
    public static double JitterFor(string uid) => 0.8 + (StableHash.Of(uid) % 401) / 1000.0;

    /// <summary>The longest a clean provisioning can take at speed 1, jitter included (for tests and docs).</summary>
    public static TimeSpan LongestProvisioning =>
        TimeSpan.FromTicks((long)(1.2 * (Of(SimStep.InstallRelease) + Of(SimStep.Infrastructure) + Of(SimStep.ControlPlaneInitializing)
            + Of(SimStep.ControlPlaneAvailable) + Of(SimStep.Workers) + Of(SimStep.Services)).Ticks));
}
