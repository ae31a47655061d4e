using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The simulated k0rdent side of the sandbox: seeds templates and credentials, pre-seeds clusters, and
/// runs the ClusterDeployment controller. Placeholder until the controller lands.
/// </summary>
public static class SandboxWorld
{
    public static IAsyncDisposable Start(IObjectStore store, SandboxOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return new Stopped();
    }

    private sealed class Stopped : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
