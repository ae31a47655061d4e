namespace Childctl.Kubernetes;

/// <summary>How the façade talks to the API: per-request time limit, retry budgets, page size, clock, who hears of retries.</summary>
public sealed record ApiOptions
{
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a read after 429, 5xx or a reset connection (so at most this + 1 attempts).</summary>
    public int MaxReadRetries { get; init; } = 4;

    /// <summary>Retries of a write (see <see cref="WriteRetry"/> for which writes, after which answers).</summary>
    public int MaxWriteRetries { get; init; } = 4;

    /// <summary>Told one line per retry of a read or a write (what, why, which attempt, when): <c>-v</c> prints them.</summary>
    public Action<string>? OnRetry { get; init; }

    /// <summary>First backoff; it doubles (with jitter) per retry up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between two attempts, also the cap on a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Items per list request (<c>limit</c>); the rest follows with <c>continue</c>. kubectl uses 500; 1,000 halves the
    /// sequential round trips for large lists while keeping each reply a few MiB.
    /// </summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>The clock retries wait on; tests pass one that does not sleep.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The field manager childctl writes as: <c>metadata.managedFields</c> name it.</summary>
    public const string ChildctlFieldManager = "childctl";

    /// <summary>
    /// The annotation that carries the id of the operation that wrote an object: a create stamped with it is safe to
    /// retry, since a 409 AlreadyExists whose object carries the same id is the create's own earlier attempt.
    /// </summary>
    public string OperationAnnotation { get; init; } = "childctl.dev/operation";

    /// <summary>The field manager of every write, so that <c>metadata.managedFields</c> name who wrote.</summary>
    public string FieldManager { get; init; } = ChildctlFieldManager;

    /// <summary>
    /// Sent on every request, so that the management cluster's audit log tells childctl's requests apart:
    /// <c>childctl/&lt;version&gt; (&lt;os&gt;/&lt;arch&gt;)</c>, as kubectl's <c>kubectl/v1.32.4 (linux/amd64)</c>.
    /// </summary>
    public string UserAgent { get; init; } = Transport.UserAgent.Default;

    /// <summary>Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read from (the process environment unless a test says otherwise).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Told warnings about the connection (insecure-skip-tls-verify), one line each; the CLI prints them on stderr.</summary>
    public Action<string>? OnWarning { get; init; }
}
