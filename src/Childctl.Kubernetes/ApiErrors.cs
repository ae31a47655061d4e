using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;

namespace Childctl.Kubernetes;

/// <summary>
/// Where the client's exceptions become <see cref="KubernetesException"/>s (STYLE.md rule 5; the write path in
/// <c>ApiClient.Writes</c> first gives 409, 400 and 422 their meaning for a write, and a kubeconfig that cannot be used
/// fails in <see cref="ApiTransport"/>'s constructor):
/// 404 → NotFound, 401/403 → PermissionDenied with the server's message, connection/DNS/TLS/timeout →
/// Unreachable naming the server, the context and what to check.
/// </summary>
internal static class ApiErrors
{
    /// <param name="tlsProblem">Why the server's certificate was refused, when childctl's own check refused it.</param>
    public static KubernetesException Translate(Exception error, ApiTarget target, ManagementCluster cluster, TimeSpan requestTimeout, string? tlsProblem = null) => error switch
    {
        KubernetesException known => known,
        ApiStatusException status => FromStatus(status, target, cluster),
        HttpRequestException request => FromTransport(request, cluster, tlsProblem),
        OperationCanceledException => new KubernetesException(KubernetesErrorKind.Unreachable,
            $"the management cluster at {cluster.Server} (context \"{cluster.ContextName}\") did not answer within {Seconds(requestTimeout)}: " +
            "check the network and that the API server is up, or raise --request-timeout", error),
        AuthenticationException => Tls(error, cluster, tlsProblem),
        IOException => new KubernetesException(KubernetesErrorKind.Unreachable,
            $"the connection to the management cluster at {cluster.Server} (context \"{cluster.ContextName}\") broke: {error.Message}; try again", error),
        JsonException => new KubernetesException(KubernetesErrorKind.General,
            $"the API server at {cluster.Server} sent a reply for {target.Describe()} that is not valid JSON: {error.Message}", error),
        _ => new KubernetesException(KubernetesErrorKind.General, $"{target.Verb} {target.Describe()} failed: {error.Message}", error),
    };

    /// <summary>
    /// Whether a write that failed this way may still have been applied: a server error, no answer in time, a reply cut
    /// short or a connection broken after the request went out. Not a refusal (4xx, 429), nor a connection that was never
    /// made (refused, DNS, TLS), nor a credential that could not be had.
    /// </summary>
    public static bool MayHaveApplied(Exception error) => error switch
    {
        KubernetesException known => known.MayHaveApplied,
        AuthenticationException => false,
        ApiStatusException status => (int)status.StatusCode >= 500,
        HttpRequestException request => request.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError),
        _ => true,
    };

    private static KubernetesException FromStatus(ApiStatusException http, ApiTarget target, ManagementCluster cluster)
    {
        var code = http.StatusCode;
        var message = ServerMessage(http.Body);
        return code switch
        {
            HttpStatusCode.NotFound when WriteErrors.NamesAnotherKind(http.Body, target.Kind) => new KubernetesException(KubernetesErrorKind.NotFound,
                $"the API server refused to {target.Verb} {target.Describe()}: {message ?? "404 Not Found"}", http),
            HttpStatusCode.NotFound when target.Name is not null => new KubernetesException(KubernetesErrorKind.NotFound,
                $"{target.Describe()} not found on {cluster.ContextName}", http) { MissingObject = (target.Kind, target.Namespace) },
            HttpStatusCode.NotFound => new KubernetesException(KubernetesErrorKind.NotFound,
                $"the management cluster at {cluster.Server} does not serve {target.Kind.QualifiedPlural}" +
                (target.Namespace is null ? string.Empty : $" or namespace \"{target.Namespace}\" does not exist") +
                ": is k0rdent installed there, and is this the right --context?", http),
            HttpStatusCode.BadRequest => new KubernetesException(KubernetesErrorKind.InvalidInput,
                $"the API server at {cluster.Server} refused to {target.Verb} {target.Describe()} as a bad request" +
                (message is null ? string.Empty : $": {message}"), http),
            HttpStatusCode.Unauthorized => new KubernetesException(KubernetesErrorKind.PermissionDenied,
                $"the management cluster at {cluster.Server} (context \"{cluster.ContextName}\") rejected the credentials (401 Unauthorized): " +
                $"{message ?? "the server has asked for the client to provide credentials"}; check the user's token or certificate in the kubeconfig", http),
            HttpStatusCode.Forbidden => new KubernetesException(KubernetesErrorKind.PermissionDenied,
                $"permission denied (403): {message ?? $"cannot {target.Verb} {target.Describe()}"}", http),
            _ => new KubernetesException(KubernetesErrorKind.General,
                $"the API server at {cluster.Server} answered {(int)code} {code} to {target.Verb} {target.Describe()}" +
                (message is null ? string.Empty : $": {message}"), http),
        };
    }

    private static KubernetesException FromTransport(HttpRequestException error, ManagementCluster cluster, string? tlsProblem)
    {
        var where = $"the management cluster at {cluster.Server} (context \"{cluster.ContextName}\")";
        return error.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => new KubernetesException(KubernetesErrorKind.Unreachable,
                $"cannot resolve the host of {where}: check the server URL of cluster \"{cluster.ClusterName}\" in the kubeconfig and your DNS", error),
            HttpRequestError.SecureConnectionError => Tls(error, cluster, tlsProblem),
            HttpRequestError.ConnectionError => new KubernetesException(KubernetesErrorKind.Unreachable,
                $"cannot reach {where}: {Cause(error)}; check that the API server is running and that the kubeconfig's server URL is right, or pick another --context", error),
            _ => new KubernetesException(KubernetesErrorKind.Unreachable, $"cannot talk to {where}: {Cause(error)}; check the network and try again", error),
        };
    }

    private static KubernetesException Tls(Exception error, ManagementCluster cluster, string? problem) => new(KubernetesErrorKind.Unreachable,
        $"the TLS handshake with the management cluster at {cluster.Server} (context \"{cluster.ContextName}\") failed: {problem ?? Cause(error)}; " +
        $"check certificate-authority(-data) of cluster \"{cluster.ClusterName}\" in the kubeconfig", error);

    private static string Cause(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no route to host",
                    _ => socket.Message,
                };
            }
        }

        return (error.InnerException ?? error).Message;
    }

    /// <summary>The <c>message</c> of the Status body the server sent, when it sent one.</summary>
    private static string? ServerMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var status = JsonDocument.Parse(body);
            return status.RootElement.ValueKind == JsonValueKind.Object
                   && status.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : null;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body.Trim();
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1 && t.TotalSeconds == Math.Floor(t.TotalSeconds)
        ? $"{t.TotalSeconds:0}s"
        : $"{t.TotalMilliseconds:0}ms";
}

/// <summary>Reads the Status body of a refused write: its message and, for 422, each cause (field: message).</summary>
internal static class WriteErrors
{
    /// <summary>Whether a 404's Status names another kind than the one asked for (a webhook's missing ClusterTemplate).</summary>
    public static bool NamesAnotherKind(string? body, ResourceKind asked)
    {
        try
        {
            using var status = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            var kind = JsonPath.Find(status.RootElement, "details", "kind")?.GetString();
            return !string.IsNullOrEmpty(kind) && !kind.Equals(asked.Plural, StringComparison.OrdinalIgnoreCase) && !kind.Equals(asked.Kind, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The <c>reason</c> of a Status body (AlreadyExists, Conflict, ...), when there is one.</summary>
    public static string? Reason(string? body)
    {
        try
        {
            using var status = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            return JsonPath.String(status.RootElement, "reason");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Message(string? body, string fallback)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return fallback;
        }

        try
        {
            using var status = JsonDocument.Parse(body);
            var root = status.RootElement;
            var message = JsonPath.String(root, "message") ?? fallback;
            var causes = JsonPath.Array(JsonPath.Object(root, "details"), "causes")
                .Select(c => (Field: JsonPath.String(c, "field"), Text: JsonPath.String(c, "message")))
                .Where(c => c.Text is not null && !message.Contains(c.Text, StringComparison.Ordinal))
                .Select(c => c.Field is null ? c.Text! : $"{c.Field}: {c.Text}")
                .ToList();
            return causes.Count == 0 ? message : $"{message} ({string.Join("; ", causes)})";
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}

/// <summary>
/// What the client throws for every failure it understands: a kubeconfig that cannot be used, a server that cannot be
/// reached or refuses, an object that is not there. The message is one line for the user (it names the server, the
/// context, the kind, namespace and name, and what to do); <see cref="Kind"/> says which exit code it deserves. Core
/// turns it into its own error type at its boundary, so nothing above Core sees this type.
/// </summary>
public sealed class KubernetesException : Exception
{
    public KubernetesException(KubernetesErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public KubernetesException()
        : this(KubernetesErrorKind.General, "the Kubernetes API call failed")
    {
    }

    public KubernetesException(string message)
        : this(KubernetesErrorKind.General, message)
    {
    }

    public KubernetesException(string message, Exception innerException)
        : this(KubernetesErrorKind.General, message, innerException)
    {
    }

    public KubernetesErrorKind Kind { get; }

    /// <summary>
    /// For a write: the server may have made the change although no success came back (no answer, a cut or timed-out
    /// reply, a server error). False when the server answered that it did not (4xx, 429) or the request never left.
    /// </summary>
    public bool MayHaveApplied { get; internal set; }

    /// <summary>A 409 whose reason is AlreadyExists (a create of a name that is taken), not a failed precondition.</summary>
    public bool AlreadyExists { get; init; }

    /// <summary>For a 404 of one named object: its kind and namespace, so a caller can say where to look.</summary>
    public (ResourceKind Kind, string? Namespace)? MissingObject { get; init; }

    public static KubernetesException InvalidInput(string message) => new(KubernetesErrorKind.InvalidInput, message);
}

/// <summary>The kinds of <see cref="KubernetesException"/>, one per exit code they lead to.</summary>
public enum KubernetesErrorKind
{
    /// <summary>Anything else: an unexpected status, a reply that is not JSON.</summary>
    General,

    /// <summary>The kubeconfig cannot be used, or the server rejected a request as malformed (400/422).</summary>
    InvalidInput,

    /// <summary>The object, or the resource type, does not exist (404).</summary>
    NotFound,

    /// <summary>The server refused the credentials (401) or the action (403), or a credential plugin gave none.</summary>
    PermissionDenied,

    /// <summary>The server could not be reached or did not answer (connection, DNS, TLS, timeout, a broken stream).</summary>
    Unreachable,

    /// <summary>A write's precondition failed: the object changed since it was read (409).</summary>
    Conflict,
}
