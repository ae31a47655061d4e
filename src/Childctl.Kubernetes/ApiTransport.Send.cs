using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Childctl.Kubernetes.Transport;

namespace Childctl.Kubernetes;

/// <summary>Writes (POST, PATCH, DELETE with a body) and the long-lived GET of a watch, over the same client as reads.</summary>
internal sealed partial class ApiTransport
{
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
