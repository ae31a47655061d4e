namespace Childctl.Sandbox;

/// <summary>How to run a sandbox: the knobs of <c>childctl sandbox up</c> and of the test fixture.</summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The slowest and fastest <see cref="Speed"/>: beyond them simulated durations overflow or round to nothing.</summary>
    public const double MinSpeed = 0.01;

    /// <inheritdoc cref="MinSpeed"/>
    public const double MaxSpeed = 10_000;

    /// <summary>Simulated time runs this many times faster than real time (1 = about as long as a real Azure cluster).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Clusters to pre-seed, spread over namespaces, providers and phases.</summary>
    public int Clusters { get; init; }

    /// <summary>Run the simulated k0rdent controller (tests that want objects to stay as written turn it off).</summary>
    public bool EnableController { get; init; } = true;

    /// <summary>Seed for every random choice, so a seeded sandbox is the same every time.</summary>
    public int RandomSeed { get; init; } = 42;

    /// <summary>
    /// The sandbox's clock: timestamps, simulated durations and watch bookmarks follow it. Null is the system clock;
    /// tests pass a fake one and advance it. TLS certificates always use the system clock, which clients check.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>How often watches that allow bookmarks get one (upstream: about a minute).</summary>
    public TimeSpan WatchBookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);
}
