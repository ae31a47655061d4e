namespace Childctl.Core.Errors;

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
