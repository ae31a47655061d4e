using System.Net;
using System.Text.Json;
using Childctl.Core.Errors;

namespace Childctl.Core.Kubernetes;

/// <summary>
/// GETs over the official client's own <see cref="HttpClient"/> and credentials (so the kubeconfig's TLS set-up,
/// client certificates, tokens and exec plugins all apply), parsing each reply straight into a
/// <see cref="JsonDocument"/>. The client's typed operations are not used: they root KubernetesClient.Aot's JSON
/// metadata for all 872 Kubernetes models, which NativeAOT rehydrates at every process start (~20 ms and 15 MiB
/// for every command, including offline ones); this also skips a deserialise-and-copy per reply.
/// </summary>
internal sealed partial class ApiTransport : IDisposable
{
    private readonly k8s.Kubernetes _client;
    private readonly TimeSpan _timeout;

    public ApiTransport(ManagementCluster cluster, TimeSpan timeout)
    {
        _timeout = timeout;
        try
        {
            _client = new k8s.Kubernetes(cluster.Configuration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ChildctlException(ErrorKind.InvalidInput,
                $"context \"{cluster.ContextName}\" cannot be used to reach {cluster.Server}: {e.Message}", e);
        }
    }

    /// <summary>
    /// GETs <paramref name="pathAndQuery"/> (relative to the server URL) and returns the parsed body. The document is
    /// not disposed: the elements handed out stay valid for the life of the command. Non-2xx answers throw
    /// <see cref="ApiStatusException"/>; the whole exchange is bounded by the request timeout.
    /// </summary>
    public async Task<JsonElement> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_client.BaseUri, pathAndQuery)) { Version = HttpVersion.Version20 };
        request.Headers.Accept.ParseAdd("application/json");
        if (_client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, deadline.Token);
        }

        using var response = await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
            throw new ApiStatusException(response.StatusCode, body, retryAfter);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
        var document = await JsonDocument.ParseAsync(stream, default, deadline.Token);
        return document.RootElement;
    }

    public void Dispose() => _client.Dispose();
}
