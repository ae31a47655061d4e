using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Retry;

namespace Childctl.Kubernetes;

/// <summary>
/// The retry policy for reads (never writes): 429 (waiting what Retry-After asks, capped), 5xx and reset or
/// cut connections, with exponential backoff and jitter, a bounded number of times. Refused connections, DNS
/// and TLS failures are not retried: they will not heal in seconds and the user should hear at once.
/// Delays run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal static class ReadRetry
{
    public static ResiliencePipeline Create(ApiOptions options)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.Time };
        if (options.MaxReadRetries <= 0)
        {
            return builder.Build();
        }

        builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
            MaxRetryAttempts = options.MaxReadRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.FirstRetryDelay,
            MaxDelay = options.MaxRetryDelay,
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, options.MaxRetryDelay, options.Time.GetUtcNow())),
            OnRetry = args =>
            {
                options.OnRetry?.Invoke(WriteRetry.Describe("a read", args.Outcome.Exception, args.AttemptNumber + 2, options.MaxReadRetries + 1, args.RetryDelay));
                return default;
            },
        });
        return builder.Build();
    }

    public static bool IsTransient(Exception error) => error switch
    {
        ApiStatusException status => (int)status.StatusCode == 429 || (int)status.StatusCode >= 500,
        HttpRequestException request => request.HttpRequestError is HttpRequestError.ResponseEnded || IsReset(request),
        HttpIOException => true,
        IOException io => IsReset(io),
        _ => false,
    };

    /// <summary>The server's Retry-After (seconds or an HTTP date), capped; null lets the backoff decide.</summary>
    public static TimeSpan? RetryAfter(Exception? error, TimeSpan cap, DateTimeOffset now)
    {
        if (error is not ApiStatusException { RetryAfter: { } header })
        {
            return null;
        }

        var text = header.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return Min(TimeSpan.FromSeconds(seconds), cap);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Min(Max(at - now, TimeSpan.Zero), cap)
            : null;
    }

    private static bool IsReset(Exception error)
    {
        for (var e = error.InnerException ?? error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown })
            {
                return true;
            }

            if (e is HttpIOException)
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

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
