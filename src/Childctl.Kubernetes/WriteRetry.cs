using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;

namespace Childctl.Kubernetes;

/// <summary>
/// The retry policy for writes, which may be retried only when a second attempt cannot apply twice:
/// <list type="bullet">
/// <item>429 always: the server says it did not process the request (waiting what Retry-After asks, capped);</item>
/// <item>5xx and reset or cut connections only for a <see cref="WriteSafety.Repeatable"/> write: one with preconditions
/// (uid, resourceVersion), a server-side dry run, a review that creates nothing, or a create of a named object whose
/// 409 AlreadyExists the caller recognises as its own earlier attempt.</item>
/// </list>
/// Bounded (<see cref="ApiOptions.MaxWriteRetries"/>), exponential with jitter, each retry told to
/// <see cref="ApiOptions.OnRetry"/> (what <c>-v</c> prints). Delays run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal static class WriteRetry
{
    public static ResiliencePipeline Create(ApiOptions options, ApiTarget target, WriteSafety safety)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.Time };
        if (options.MaxWriteRetries <= 0)
        {
            return builder.Build();
        }

        builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && ShouldRetry(e, safety)),
            MaxRetryAttempts = options.MaxWriteRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.FirstRetryDelay,
            MaxDelay = options.MaxRetryDelay,
            DelayGenerator = args => ValueTask.FromResult(ReadRetry.RetryAfter(args.Outcome.Exception, options.MaxRetryDelay, options.Time.GetUtcNow())),
            OnRetry = args =>
            {
                options.OnRetry?.Invoke(Describe($"{target.Verb} {target.Describe()}", args.Outcome.Exception, args.AttemptNumber + 2, options.MaxWriteRetries + 1, args.RetryDelay));
                return default;
            },
        });
        return builder.Build();
    }

    /// <summary>429 for any write; server errors and broken connections only for a repeatable one.</summary>
    public static bool ShouldRetry(Exception error, WriteSafety safety) =>
        error is ApiStatusException { StatusCode: HttpStatusCode.TooManyRequests }
        || (safety == WriteSafety.Repeatable && ReadRetry.IsTransient(error));

    /// <summary>One line for <c>-v</c>: what is retried, why, which attempt comes and when.</summary>
    public static string Describe(string what, Exception? error, int attempt, int attempts, TimeSpan delay)
    {
        var why = error switch
        {
            ApiStatusException status => $"{(int)status.StatusCode} {status.StatusCode}",
            null => "an error",
            _ => (error.InnerException ?? error).Message,
        };
        var seconds = delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        return $"retrying {what} after {why}: attempt {attempt} of {attempts} in {seconds}s";
    }
}

/// <summary>Whether a write may be sent again after a server error or a broken connection (see <see cref="WriteRetry"/>).</summary>
public enum WriteSafety
{
    /// <summary>A second attempt could apply the change twice: retried only after 429.</summary>
    Once,

    /// <summary>Preconditions or its construction make a second attempt harmless.</summary>
    Repeatable,
}
