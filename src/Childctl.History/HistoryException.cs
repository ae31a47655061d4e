namespace Childctl.History;

/// <summary>
/// The one exception type of the history library. Messages are user-ready single lines that name the
/// file (and line, for corrupt files) and say what to do.
/// </summary>
public sealed class HistoryException : Exception
{
    public HistoryException(HistoryErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public HistoryException()
        : this(HistoryErrorKind.Io, "history failed")
    {
    }

    public HistoryException(string message)
        : this(HistoryErrorKind.Io, message)
    {
    }

    public HistoryException(string message, Exception innerException)
        : this(HistoryErrorKind.Io, message, innerException)
    {
    }

    public HistoryErrorKind Kind { get; }

    /// <summary>The file concerned, when there is one.</summary>
    public string? Path { get; init; }

    /// <summary>1-based line of the problem in <see cref="Path"/>, or 0.</summary>
    public int Line { get; init; }

    public static HistoryException Corrupt(string path, int line, string problem) =>
        new(HistoryErrorKind.Corrupt,
            $"history file {path} is not valid at line {line}: {problem}. It was left unchanged; fix it by hand or move it aside (childctl never rewrites history)")
        {
            Path = path,
            Line = line,
        };

    public static HistoryException Io(string path, string what, Exception inner) =>
        new(HistoryErrorKind.Io, $"cannot {what} {path}: {inner.Message}", inner) { Path = path };

    /// <summary>A file stands where a folder of <paramref name="path"/> should be: the user's to move, so said plainly.</summary>
    public static HistoryException FileInTheWay(string path, string what, string file, Exception inner) =>
        new(HistoryErrorKind.Io, $"cannot {what} {path}: {file} is a file, not a folder; move it aside or choose another --history-dir", inner) { Path = path };
}

/// <summary>What went wrong in the history store; the CLI maps each kind to one exit code.</summary>
public enum HistoryErrorKind
{
    /// <summary>A namespace or cluster name is not a valid Kubernetes name, so it cannot become a path.</summary>
    InvalidName,

    /// <summary>An event handed to the store is incomplete or inconsistent.</summary>
    InvalidEvent,

    /// <summary>A history file does not parse; it was left byte-for-byte unchanged.</summary>
    Corrupt,

    /// <summary>Re-appending a batch where some ids exist and some do not.</summary>
    IdConflict,

    /// <summary>The file system failed (permissions, disk full, ...).</summary>
    Io,
}
