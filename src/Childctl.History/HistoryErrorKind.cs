namespace Childctl.History;

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
