using System.Text.Json;
using Childctl.Core.Errors;
using k8s;
using Polly;

namespace Childctl.Core.Kubernetes;

/// <summary>
/// The typed façade over the official KubernetesClient for one management cluster: the only code that calls the
/// client, and the only code that catches its exceptions (<see cref="ApiErrors"/>). Reads are retried
/// (<see cref="ReadRetry"/>), lists are paged, each request is bounded by <see cref="ApiOptions.RequestTimeout"/>.
/// Objects come back as the server's JSON so that every field survives for <c>-o json|yaml</c>.
/// </summary>
public sealed partial class ManagementApi : IDisposable
{
    private readonly k8s.Kubernetes _client;
    private readonly ResiliencePipeline _reads;
    private readonly ApiOptions _options;
    private readonly IDisposable _caBundleScope;

    public ManagementApi(ManagementCluster cluster, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        KubernetesJsonSetup.EnsureRegistered();
        Cluster = cluster;
        _options = options;
        cluster.Configuration.HttpClientTimeout = options.RequestTimeout;
        _caBundleScope = SystemCaBundle.SkipIfIrrelevant(cluster.Configuration);
        _client = CreateClient(cluster);
        _reads = ReadRetry.Create(options);
    }

    public ManagementCluster Cluster { get; }

    public void Dispose()
    {
        _caBundleScope.Dispose();
        _client.Dispose();
    }

    private static k8s.Kubernetes CreateClient(ManagementCluster cluster)
    {
        try
        {
            return new k8s.Kubernetes(cluster.Configuration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ChildctlException(ErrorKind.InvalidInput,
                $"context \"{cluster.ContextName}\" cannot be used to reach {cluster.Server}: {e.Message}", e);
        }
    }

    /// <summary>Runs one read with retries and maps any failure to a <see cref="ChildctlException"/>.</summary>
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
            throw ApiErrors.Translate(e, target, Cluster, _options.RequestTimeout);
        }
        finally
        {
            // The first handshake has loaded (or skipped) the system trust store; child processes get the real environment.
            _caBundleScope.Dispose();
        }
    }

    /// <summary>Reads a whole list, page by page (<c>limit</c>/<c>continue</c>); <paramref name="ns"/> null means all namespaces.</summary>
    public async Task<ObjectList> ListAsync(ResourceKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var target = ApiTarget.List(kind, ns);
        var items = new List<JsonElement>();
        string? continueToken = null;
        do
        {
            var token = continueToken;
            var page = await ReadAsync(target, ct => ListPageAsync(kind, ns, labelSelector, token, ct), cancellationToken);
            foreach (var item in JsonPathItems(page))
            {
                items.Add(item);
            }

            continueToken = page.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                ? Json.JsonPath.String(meta, "continue")
                : null;
        }
        while (!string.IsNullOrEmpty(continueToken));

        return new ObjectList(kind, items);
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
        catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<JsonElement> ListPageAsync(ResourceKind kind, string? ns, string? labelSelector, string? continueToken, CancellationToken ct)
    {
        var limit = _options.PageSize;
        using var response = ns is null
            ? await _client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<JsonElement>(
                kind.Group, kind.Version, kind.Plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit, cancellationToken: ct)
            : await _client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                kind.Group, kind.Version, ns, kind.Plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit, cancellationToken: ct);
        return response.Body;
    }

    private async Task<JsonElement> GetObjectAsync(ResourceKind kind, string ns, string name, CancellationToken ct)
    {
        using var response = await _client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
            kind.Group, kind.Version, ns, kind.Plural, name, cancellationToken: ct);
        return response.Body;
    }

    private static IEnumerable<JsonElement> JsonPathItems(JsonElement page) => Json.JsonPath.Array(page, "items");
}
