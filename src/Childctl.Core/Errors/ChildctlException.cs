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

    public static ChildctlException InvalidInput(string message) => new(ErrorKind.InvalidInput, message);

    public static ChildctlException NotFound(string message) => new(ErrorKind.NotFound, message);

    public static ChildctlException Conflict(string message) => new(ErrorKind.Conflict, message);
}
