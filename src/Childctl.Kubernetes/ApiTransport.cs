using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Childctl.Kubernetes.Transport;

namespace Childctl.Kubernetes;

/// <summary>
/// Requests over the official client's HTTP set-up and credentials (<see cref="ApiConnection"/>: the kubeconfig's TLS
/// set-up, client certificates, tokens and exec plugins all apply), parsing each reply straight into a
/// <see cref="JsonDocument"/>: one parse and no copy per reply (the typed operations deserialise into a
/// <see cref="JsonElement"/>, which copies the whole body again), and no dependence on registering a JSON context
/// with <c>KubernetesJson</c> before its first use. The client's typed operations are not used. Writes (POST, PATCH,
/// DELETE with a body) and the long-lived GET of a watch go over the same client.
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    private readonly ApiConnection _connection;
    private readonly TimeSpan _timeout;

    public ApiTransport(ManagementCluster cluster, ApiOptions options)
    {
        _timeout = options.RequestTimeout;
        try
        {
            _connection = ApiConnection.Create(cluster, options);
        }
        catch (Exception e) when (e is not KubernetesException and not OutOfMemoryException)
        {
            throw new KubernetesException(KubernetesErrorKind.InvalidInput,
                $"context \"{cluster.ContextName}\" cannot be used to reach {cluster.Server}: {e.Message}", e);
        }
    }

    /// <summary>Why the server's certificate was last refused, when it was (see <see cref="ServerCertificateCheck"/>).</summary>
    public string? TlsProblem => _connection.ServerCheck?.Problem;

    /// <summary>Whether requests reach an https:// proxy (whose certificate the system store checks).</summary>
    public bool ThroughTlsProxy => _connection.ThroughTlsProxy;

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
        using var request = NewRequest(HttpMethod.Get, pathAndQuery, cancellationToken);
        using var deadline = Deadline(cancellationToken);
        using var response = await SendAsync(request, deadline.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
        return await JsonDocument.ParseAsync(stream, default, deadline.Token);
    }

    /// <summary>As <see cref="GetDocumentAsync"/>, the body's bytes as they came, unparsed.</summary>
    public async Task<ReadOnlyMemory<byte>> GetBytesAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, pathAndQuery, cancellationToken);
        using var deadline = Deadline(cancellationToken);
        using var response = await SendAsync(request, deadline.Token);
        return await response.Content.ReadAsByteArrayAsync(deadline.Token);
    }

    /// <summary>
    /// GETs one list page and returns once its <c>continue</c> token is known; the body keeps streaming into
    /// <see cref="ListPage.Body"/>, still bounded by the request timeout.
    /// </summary>
    public async Task<ListPage> GetListPageAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, pathAndQuery, cancellationToken);
        var deadline = Deadline(cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            response = await SendAsync(request, deadline.Token);
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            var length = response.Content.Headers.ContentLength;
            var buffer = new PageBuffer(length is > 0 and < int.MaxValue - 1 ? (int)length.Value + 1 : 256 * 1024);
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

    private static async Task<PageBody> FinishAsync(Stream stream, PageBuffer buffer, bool ended, HttpResponseMessage response, CancellationTokenSource deadline)
    {
        using (response)
        using (deadline)
        {
            try
            {
                while (!ended)
                {
                    ended = await ReadChunkAsync(stream, buffer, deadline.Token) == 0;
                }
            }
            catch
            {
                buffer.Release();
                throw;
            }

            return new PageBody(buffer);
        }
    }

    private static async Task<int> ReadChunkAsync(Stream stream, PageBuffer buffer, CancellationToken cancellationToken)
    {
        // All the free space when there is enough (a buffer sized from Content-Length never grows), else 64 KiB more.
        var read = await stream.ReadAsync(buffer.FreeSpace(buffer.Free >= 4096 ? 1 : 64 * 1024), cancellationToken);
        buffer.Advance(read);
        return read;
    }

    /// <summary>
    /// A request to the server. Credentials, impersonation and the User-Agent are the connection's
    /// (<see cref="ApiConnection"/>); an exec credential plugin runs inside the request's deadline. The caller's own token
    /// goes with the request, so that a plugin stopped by Ctrl-C is not reported as a timeout.
    /// </summary>
    private HttpRequestMessage NewRequest(HttpMethod method, string pathAndQuery, CancellationToken callerToken)
    {
        var request = new HttpRequestMessage(method, new Uri(_connection.BaseUri, pathAndQuery)) { Version = _connection.RequestVersion };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Host = _connection.TlsServerName;
        request.Options.Set(CredentialHandler.CallerToken, callerToken);
        return request;
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

    /// <summary>
    /// Sends <paramref name="body"/> (JSON, as <paramref name="contentType"/>) and returns the parsed reply. Non-2xx answers
    /// throw <see cref="ApiStatusException"/>; the exchange is bounded by the request timeout. With
    /// <paramref name="asAuthenticatedUser"/> it goes without impersonation (who the credentials belong to).
    /// </summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string pathAndQuery, string body, string contentType, CancellationToken cancellationToken,
        bool asAuthenticatedUser = false)
    {
        using var request = NewRequest(method, pathAndQuery, cancellationToken);
        request.Options.Set(CredentialHandler.AsAuthenticatedUser, asAuthenticatedUser);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var deadline = Deadline(cancellationToken);
        using var response = await _connection.HttpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
        var text = await response.Content.ReadAsStringAsync(deadline.Token);
        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
            throw new ApiStatusException(response.StatusCode, text, retryAfter);
        }

        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>
    /// Opens a streaming GET (a watch) with no request timeout: the server bounds it with <c>timeoutSeconds</c>. Returns the
    /// response for 2xx and 410 (the caller reads the body); other answers throw <see cref="ApiStatusException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, pathAndQuery, cancellationToken);
        var response = await _connection.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Gone)
        {
            return response;
        }

        using (response)
        {
            throw new ApiStatusException(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), null);
        }
    }
}

/// <summary>
/// A non-2xx answer from the API server, with the Status body and the Retry-After header. Thrown by
/// <see cref="ApiTransport"/> and turned into a <see cref="KubernetesException"/> by <see cref="ApiErrors"/>;
/// it never leaves the façade.
/// </summary>
internal sealed class ApiStatusException : Exception
{
    public ApiStatusException(HttpStatusCode statusCode, string body, string? retryAfter)
        : base($"the API server answered {(int)statusCode} {statusCode}")
    {
        StatusCode = statusCode;
        Body = body;
        RetryAfter = retryAfter;
    }

    public ApiStatusException()
        : this(HttpStatusCode.InternalServerError, string.Empty, null)
    {
    }

    public ApiStatusException(string message)
        : base(message)
    {
        Body = string.Empty;
    }

    public ApiStatusException(string message, Exception innerException)
        : base(message, innerException)
    {
        Body = string.Empty;
    }

    public HttpStatusCode StatusCode { get; }

    public string Body { get; }

    public string? RetryAfter { get; }
}

