using Childctl.Sandbox.Admission;
using Childctl.Sandbox.ChildApi;
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
    /// <summary>Where child kubeconfigs point when no child API serves the world (a world on a bare store, in tests).</summary>
    private static readonly Uri Unserved = new("https://127.0.0.1:6443/");

    public static RunningWorld Start(IObjectStore store, SandboxOptions options, TimeProvider time) => Start(store, options, time, new WorldHooks());

    /// <summary>Starts the world plugged into a served API: with the controller on, its admission webhooks are registered.</summary>
    internal static RunningWorld Start(IObjectStore store, SandboxOptions options, TimeProvider time, WorldHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var clock = new SimClock(time, options.Speed);
        var owned = hooks.Children is null ? ChildAccess.Create(time, Unserved) : null;
        var children = hooks.Children ?? owned!;
        var seededCapi = new Dictionary<string, CapiState>(StringComparer.Ordinal);
        var seeded = WorldSeeder.Seed(store, options, clock, seededCapi, children);
        if (!options.EnableController)
        {
            return new RunningWorld(null, seeded, owned);
        }

        hooks.Webhooks?.Register(new ClusterDeploymentWebhook(store));
        hooks.Webhooks?.Register(new SimulatedObjectsWebhook());
        var controller = new WorldController(store, clock, children, seededCapi);
        controller.Start();
        return new RunningWorld(controller, seeded, owned);
    }
}

/// <summary>What a world plugs into when an API serves it; all optional, so a world can run on a bare store.</summary>
internal sealed record WorldHooks(ValidatingWebhooks? Webhooks = null, ChildAccess? Children = null);

/// <summary>
/// A started simulated world. Dispose it to stop the controller. Tests use <see cref="WhenIdleAsync"/> after
/// advancing fake time to wait until the controller has caught up, instead of sleeping.
/// </summary>
public sealed class RunningWorld : IAsyncDisposable
{
    private readonly WorldController? _controller;
    private readonly IDisposable? _owned;

    internal RunningWorld(WorldController? controller, SeedSummary seeded, IDisposable? owned = null)
    {
        _controller = controller;
        _owned = owned;
        Seeded = seeded;
    }

    /// <summary>What was seeded at start.</summary>
    public SeedSummary Seeded { get; }

    /// <summary>Completes when the controller has no queued work (at once when the controller is off).</summary>
    public Task WhenIdleAsync() => _controller?.WhenIdleAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_controller is not null)
        {
            await _controller.DisposeAsync();
        }

        _owned?.Dispose();
    }
}
