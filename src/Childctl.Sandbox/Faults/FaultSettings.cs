namespace Childctl.Sandbox.Faults;

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
