namespace Childctl.Kubernetes;

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
