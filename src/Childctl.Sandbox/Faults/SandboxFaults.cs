namespace Childctl.Sandbox.Faults;

/// <summary>
/// API fault injection, adjustable while the sandbox runs (in-process through this object, or over HTTP at
/// <c>/sandbox/v1/faults</c>). Draws come from one seeded random sequence, so a given seed and request order
/// always fail the same requests. Thread-safe.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = FaultSettings.None;
    private Random _random;
    private int _seed;

    public SandboxFaults(int seed = 42)
    {
        _seed = seed;
        _random = new Random(seed);
    }

    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ArgumentOutOfRangeException.ThrowIfNegative(value.ServerErrorRate);
            ArgumentOutOfRangeException.ThrowIfNegative(value.TooManyRequestsRate);
            lock (_gate)
            {
                _settings = value;
            }
        }
    }

    /// <summary>Answers of applied writes cut or held (see <see cref="WriteAnswerFaults"/>).</summary>
    public WriteAnswerFaults Answers { get; } = new();

    public int Seed
    {
        get
        {
            lock (_gate)
            {
                return _seed;
            }
        }
    }

    public void Update(Func<FaultSettings, FaultSettings> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            _settings = change(_settings);
        }
    }

    /// <summary>Turns every fault off and restarts the random sequence from the seed.</summary>
    public void Reset(int? seed = null)
    {
        Answers.Reset();
        lock (_gate)
        {
            _settings = FaultSettings.None;
            _seed = seed ?? _seed;
            _random = new Random(_seed);
        }
    }

    internal FaultDecision Next()
    {
        lock (_gate)
        {
            var s = _settings;
            int? fail = null;
            if (s.ServerErrorRate > 0 && _random.NextDouble() < s.ServerErrorRate)
            {
                fail = 503;
            }
            else if (s.TooManyRequestsRate > 0 && _random.NextDouble() < s.TooManyRequestsRate)
            {
                fail = 429;
            }

            return new FaultDecision(s.Latency, fail, s.RetryAfterSeconds);
        }
    }
}

/// <summary>The fault drawn for one request: how long to stall, and the error code to fail with (null = serve it).</summary>
internal readonly record struct FaultDecision(TimeSpan Latency, int? FailWith, int RetryAfterSeconds);

/// <summary>
/// What the API does wrong on purpose: extra latency on every resource request, a share of them failing with
/// 503 or with 429 (and Retry-After), and watch streams cut after a number of events or a time.
/// Rates are between 0 and 1. Null limits mean "never".
/// </summary>
public sealed record FaultSettings
{
    public static readonly FaultSettings None = new();

    public TimeSpan Latency { get; init; }

    public double ServerErrorRate { get; init; }

    public double TooManyRequestsRate { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;

    public int? DropWatchAfterEvents { get; init; }

    public TimeSpan? DropWatchAfter { get; init; }
}
