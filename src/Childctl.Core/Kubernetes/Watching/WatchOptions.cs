namespace Childctl.Core.Kubernetes.Watching;

/// <summary>Tuning for <see cref="ResilientWatch{T}"/>; the defaults suit an interactive CLI.</summary>
public sealed record WatchOptions
{
    /// <summary>How long to wait before watching again after a dropped stream.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Dropped streams in a row (without a single event between) before giving up on watch and polling.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    /// <summary>How often to list when polling.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed lists in a row, while polling, before the error is passed on.</summary>
    public int MaxPollFailures { get; init; } = 5;
}
