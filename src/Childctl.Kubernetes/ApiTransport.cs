using System.Buffers;
using System.Net;
using System.Text.Json;

namespace Childctl.Kubernetes;

/// <summary>
/// GETs over the official client's HTTP set-up and credentials (<see cref="ApiConnection"/>: the kubeconfig's TLS
/// set-up, client certificates, tokens and exec plugins all apply), parsing each reply straight into a
/// <see cref="JsonDocument"/>: one parse and no copy per reply (the typed operations deserialise into a
/// <see cref="JsonElement"/>, which copies the whole body again), and no dependence on registering a JSON context
/// with <c>KubernetesJson</c> before its first use. The client's typed operations are not used.
/// </summary>
internal sealed partial class ApiTransport : IDisposable
{
    private readonly ApiConnection _connection;
    private readonly TimeSpan _timeout;

    public ApiTransport(ManagementCluster cluster, TimeSpan timeout)
    {
        _timeout = timeout;
        try
        {
            _connection = ApiConnection.Create(cluster.Configuration);
        }
        catch (Exception e) when (e is not KubernetesException and not OutOfMemoryException)
        {
            throw new KubernetesException(KubernetesErrorKind.InvalidInput,
                $"context \"{cluster.ContextName}\" cannot be used to reach {cluster.Server}: {e.Message}", e);
        }
    }

    /// <summary>Why the server's certificate was last refused, when it was (see <see cref="ServerCertificateCheck"/>).</summary>
    public string? TlsProblem => _connection.ServerCheck?.Problem;

    /// <summary>
    /// GETs <paramref name="pathAndQuery"/> (relative to the server URL) and returns the parsed body. The document is
    /// not disposed: the elements handed out stay valid for the life of the command. Non-2xx answers throw
    /// <see cref="ApiStatusException"/>; the whole exchange is bounded by the request timeout.
    /// </summary>
    public async Task<JsonElement> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        (await GetDocumentAsync(pathAndQuery, cancellationToken)).RootElement;

    /// <summary>As <see cref="GetAsync"/>, handing over the parsed document: the caller may release it.</summary>
    public async Task<JsonDocument> GetDocumentAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = await NewRequestAsync(HttpMethod.Get, pathAndQuery, cancellationToken);
        using var deadline = Deadline(cancellationToken);
        using var response = await SendAsync(request, deadline.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
        return await JsonDocument.ParseAsync(stream, default, deadline.Token);
    }

    /// <summary>
    /// GETs one list page and returns once its <c>continue</c> token is known; the body keeps streaming into
    /// <see cref="ListPage.Body"/>, still bounded by the request timeout.
    /// </summary>
    public async Task<ListPage> GetListPageAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = await NewRequestAsync(HttpMethod.Get, pathAndQuery, cancellationToken);
        var deadline = Deadline(cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            response = await SendAsync(request, deadline.Token);
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            var length = response.Content.Headers.ContentLength;
            var buffer = new ArrayBufferWriter<byte>(length is > 0 and < int.MaxValue - 1 ? (int)length.Value + 1 : 256 * 1024);
            bool known;
            string? token;
            bool ended;
            do
            {
                ended = await ReadChunkAsync(stream, buffer, deadline.Token) == 0;
                known = ContinueToken.TryFind(buffer.WrittenSpan, out token);
            }
            while (!known && !ended);

            return new ListPage(known ? token : null, FinishAsync(stream, buffer, ended, response, deadline));
        }
        catch
        {
            response?.Dispose();
            deadline.Dispose();
            throw;
        }
    }

    private static async Task<JsonDocument> FinishAsync(Stream stream, ArrayBufferWriter<byte> buffer, bool ended, HttpResponseMessage response, CancellationTokenSource deadline)
    {
        using (response)
        using (deadline)
        {
            while (!ended)
            {
                ended = await ReadChunkAsync(stream, buffer, deadline.Token) == 0;
            }

            return JsonDocument.Parse(buffer.WrittenMemory);
        }
    }

    private static async Task<int> ReadChunkAsync(Stream stream, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        // All the free space when there is enough (a buffer sized from Content-Length never grows), else 64 KiB more.
        var read = await stream.ReadAsync(buffer.GetMemory(buffer.FreeCapacity >= 4096 ? 1 : 64 * 1024), cancellationToken);
        buffer.Advance(read);
        return read;
    }

    /// <summary>
    /// A request to the server with the client's credentials applied. This runs an exec credential plugin when one is
    /// due, so it happens before the request's deadline starts: like kubectl, a plugin (which may prompt) is bounded
    /// only by cancellation, and the request timeout is the server's.
    /// </summary>
    private async Task<HttpRequestMessage> NewRequestAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(_connection.BaseUri, pathAndQuery)) { Version = HttpVersion.Version20 };
        try
        {
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Host = _connection.TlsServerName;
            if (_connection.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, cancellationToken);
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        return deadline;
    }

    /// <summary>Sends a GET, returning the response of a 2xx answer with its body still unread; else throws.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _connection.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
            throw new ApiStatusException(response.StatusCode, body, retryAfter);
        }
    }

    public void Dispose() => _connection.Dispose();
}
