using Childctl.Sandbox.Seeding;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The simulated k0rdent side of the sandbox: seeds ClusterTemplates, Credentials and (with
/// <see cref="SandboxOptions.Clusters"/>) pre-provisioned ClusterDeployments, then runs the ClusterDeployment
/// controller unless <see cref="SandboxOptions.EnableController"/> is off.
/// </summary>
public static class SandboxWorld
{
    public static RunningWorld Start(IObjectStore store, SandboxOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var clock = new SimClock(time, options.Speed);
        var seeded = WorldSeeder.Seed(store, options, clock);
        if (!options.EnableController)
        {
            return new RunningWorld(null, seeded);
        }

        var controller = new WorldController(store, clock);
        controller.Start();
        return new RunningWorld(controller, seeded);
    }
}
