using Childctl.Core.Api;
using Childctl.Core.History;
using Childctl.Kubernetes;

namespace Childctl.Core.Errors;

/// <summary>
/// The one exception type Core throws for expected failures. The message is shown to the user as a
/// single line, so it names the kind, namespace and name involved and says what to do next.
/// </summary>
public class ChildctlException : Exception
{
    public ChildctlException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ChildctlException()
        : this(ErrorKind.General, "childctl failed")
    {
    }

    public ChildctlException(string message)
        : this(ErrorKind.General, message)
    {
    }

    public ChildctlException(string message, Exception innerException)
        : this(ErrorKind.General, message, innerException)
    {
    }

    public ErrorKind Kind { get; }

    /// <summary>For a failed write: the server may have made the change although no success came back (see <see cref="RecordedChange"/>).</summary>
    public bool MayHaveApplied { get; init; }

    public static ChildctlException InvalidInput(string message) => new(ErrorKind.InvalidInput, message);

    public static ChildctlException NotFound(string message) => new(ErrorKind.NotFound, message);

    public static ChildctlException Conflict(string message) => new(ErrorKind.Conflict, message);

    /// <summary>The Kubernetes client's error as Core's: same kind and message, and for a missing ClusterDeployment where to look.</summary>
    internal static ChildctlException From(KubernetesException error)
    {
        var kind = error.Kind switch
        {
            KubernetesErrorKind.InvalidInput => ErrorKind.InvalidInput,
            KubernetesErrorKind.NotFound => ErrorKind.NotFound,
            KubernetesErrorKind.PermissionDenied => ErrorKind.PermissionDenied,
            KubernetesErrorKind.Unreachable => ErrorKind.Unreachable,
            KubernetesErrorKind.Conflict => ErrorKind.Conflict,
            _ => ErrorKind.General,
        };
        var hint = error.MissingObject is { } missing && missing.Kind == K0rdentKinds.ClusterDeployment
            ? $" ('childctl list -n {missing.Namespace}' shows what exists; -A searches every namespace)"
            : string.Empty;
        return new ChildctlException(kind, error.Message + hint, error) { MayHaveApplied = error.MayHaveApplied };
    }
}

/// <summary>
/// The classes of failure a user can script against. Each maps to exactly one exit code
/// (see DESIGN.md "Exit codes"); the map lives in the CLI's <c>ExitCodes</c>.
/// </summary>
public enum ErrorKind
{
    /// <summary>Anything not covered by a more specific kind.</summary>
    General,

    /// <summary>Bad usage or invalid input, rejected before any API call.</summary>
    InvalidInput,

    /// <summary>The named object does not exist.</summary>
    NotFound,

    /// <summary>The server refused the credentials (401) or the action (403).</summary>
    PermissionDenied,

    /// <summary>The management cluster could not be reached (refused, DNS, TLS, timeout).</summary>
    Unreachable,

    /// <summary>A wait ran out of time.</summary>
    WaitTimedOut,

    /// <summary>The cluster reported a terminal failure.</summary>
    ClusterFailed,

    /// <summary>A bulk operation where some items succeeded and some failed.</summary>
    PartialFailure,

    /// <summary>The object changed on the server since it was read (409).</summary>
    Conflict,

    /// <summary>A local history file could not be read.</summary>
    CorruptHistory,
}
