using System.Net;

namespace Childctl.Kubernetes;

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
