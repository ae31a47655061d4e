using Childctl.Sandbox.Seeding;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// A started simulated world. Dispose it to stop the controller. Tests use <see cref="WhenIdleAsync"/> after
/// advancing fake time to wait until the controller has caught up, instead of sleeping.
/// </summary>
public sealed class RunningWorld : IAsyncDisposable
{
    private readonly WorldController? _controller;

    internal RunningWorld(WorldController? controller, SeedSummary seeded)
    {
        _controller = controller;
        Seeded = seeded;
    }

    /// <summary>What was seeded at start.</summary>
    public SeedSummary Seeded { get; }

    /// <summary>Completes when the controller has no queued work (at once when the controller is off).</summary>
    public Task WhenIdleAsync() => _controller?.WhenIdleAsync() ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _controller?.DisposeAsync() ?? ValueTask.CompletedTask;
}
