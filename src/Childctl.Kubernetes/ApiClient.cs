using System.Text.Json;
using Polly;

namespace Childctl.Kubernetes;

/// <summary>
/// The typed façade over the official KubernetesClient for one management cluster: the only code that talks to the
/// API (through <see cref="ApiTransport"/>, i.e. the client's TLS set-up and credentials, <see cref="ApiConnection"/>),
/// and the only code that catches transport exceptions (<see cref="ApiErrors"/>). Reads are retried
/// (<see cref="ReadRetry"/>), lists are paged, each request is bounded by <see cref="ApiOptions.RequestTimeout"/>.
/// Objects come back as the server's JSON so that every field survives for <c>-o json|yaml</c>.
/// </summary>
public sealed partial class ApiClient : IDisposable
{
    private readonly ApiTransport _transport;
    private readonly ResiliencePipeline _reads;
    private readonly ApiOptions _options;
    private readonly IDisposable _caBundleScope;

    public ApiClient(ManagementCluster cluster, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        Cluster = cluster;
        _options = options;
        _transport = new ApiTransport(cluster, options.RequestTimeout);
        _caBundleScope = SystemCaBundle.SkipIfIrrelevant(cluster.Configuration);
        _reads = ReadRetry.Create(options);
    }

    public ManagementCluster Cluster { get; }

    public void Dispose()
    {
        _caBundleScope.Dispose();
        _transport.Dispose();
    }

    /// <summary>Runs one read with retries and maps any failure to a <see cref="KubernetesException"/>.</summary>
    private async Task<T> ReadAsync<T>(ApiTarget target, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _reads.ExecuteAsync(static async (state, ct) => await state(ct), call, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ApiErrors.Translate(e, target, Cluster, _options.RequestTimeout, _transport.TlsProblem);
        }
        finally
        {
            // The first handshake has loaded (or skipped) the system trust store; child processes get the real environment.
            _caBundleScope.Dispose();
        }
    }

    /// <summary>One object; a 404 is a NotFound error naming kind, namespace and name.</summary>
    public Task<JsonElement> GetAsync(ResourceKind kind, string ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return ReadAsync(ApiTarget.Get(kind, ns, name), ct => GetObjectAsync(kind, ns, name, ct), cancellationToken);
    }

    /// <summary>One object, or null when the server says 404.</summary>
    public async Task<JsonElement?> TryGetAsync(ResourceKind kind, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(kind, ns, name, cancellationToken);
        }
        catch (KubernetesException e) when (e.Kind == KubernetesErrorKind.NotFound)
        {
            return null;
        }
    }

    private Task<JsonElement> GetObjectAsync(ResourceKind kind, string ns, string name, CancellationToken ct) =>
        _transport.GetAsync(ApiPaths.Item(kind, ns, name), ct);

}
