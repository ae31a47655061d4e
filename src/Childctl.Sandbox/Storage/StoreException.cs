namespace Childctl.Sandbox.Storage;

/// <summary>
/// A store failure with the Kubernetes Status reason (NotFound, AlreadyExists, Conflict, Invalid...), HTTP code and,
/// when known, the Status details (name, group, kind, field causes), so the API can answer with a faithful Status.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public StoreException()
        : this(500, "InternalError", "store failure")
    {
    }

    public StoreException(string message)
        : this(500, "InternalError", message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    public int Code { get; }

    public string Reason { get; }

    public StatusDetails? Details { get; }
}

/// <summary>The details block of a Kubernetes Status: which object the error is about and, for Invalid, why.</summary>
public sealed record StatusDetails(string? Name, string? Group, string? Kind, IReadOnlyList<StatusCause>? Causes = null, int? RetryAfterSeconds = null);

/// <summary>One field-level reason of an Invalid error, as in a Kubernetes Status's details.causes.</summary>
public sealed record StatusCause(string Reason, string Message, string Field);
