using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Childctl.Kubernetes;

/// <summary>
/// The retry policy for reads (never writes): 429 (waiting what Retry-After asks, capped), 5xx and reset or
/// cut connections, with exponential backoff and jitter, a bounded number of times. Refused connections, DNS
/// and TLS failures are not retried: they will not heal in seconds and the user should hear at once.
/// Delays run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal static class ReadRetry
{
    public static RetryLoop Create(ApiOptions options) =>
        new(options, options.MaxReadRetries, IsTransient,
            (error, attempt, delay) => options.OnRetry?.Invoke(WriteRetry.Describe("a read", error, attempt, options.MaxReadRetries + 1, delay)));

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
    public static RetryLoop Create(ApiOptions options, ApiTarget target, WriteSafety safety) =>
        new(options, options.MaxWriteRetries, e => ShouldRetry(e, safety),
            (error, attempt, delay) => options.OnRetry?.Invoke(Describe($"{target.Verb} {target.Describe()}", error, attempt, options.MaxWriteRetries + 1, delay)));

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

/// <summary>
/// Runs a call again after the failures <c>retryable</c> names, at most <c>retries</c> more times: waiting what the server's
/// Retry-After asks (capped), else an exponential backoff from <see cref="ApiOptions.FirstRetryDelay"/> up to
/// <see cref="ApiOptions.MaxRetryDelay"/> with jitter (each delay drawn from half to all of its step, so that clients
/// that failed together do not return together). Each retry is told first (<c>-v</c>). Written here rather than
/// built with Polly.Core, whose option validation (DataAnnotations, by reflection) cost every API command about
/// 8.7 million instructions at start-up (callgrind, docs/performance.md), for the one strategy used.
/// </summary>
internal sealed class RetryLoop(ApiOptions options, int retries, Func<Exception, bool> retryable, Action<Exception, int, TimeSpan> onRetry)
{
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (Exception e) when (attempt < retries && !cancellationToken.IsCancellationRequested && retryable(e))
            {
                var delay = ReadRetry.RetryAfter(e, options.MaxRetryDelay, options.Time.GetUtcNow()) ?? Backoff(attempt);
                onRetry(e, attempt + 2, delay);
                await Task.Delay(delay, options.Time, cancellationToken);
            }
        }
    }

    /// <summary>The n-th step (0-based) of the exponential backoff, jittered within its upper half and capped.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var step = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(step, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
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
