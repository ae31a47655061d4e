namespace Childctl.History.Store;

/// <summary>
/// Where the (last) appended event sits: its 0-based index among the stream's events, and the byte offset of
/// its block in the file. A re-append of existing ids returns the existing values.
/// </summary>
public sealed record AppendResult(long Version, long Position, bool Appended)
{
    /// <summary>A torn tail left by an earlier crash that this append found, set aside and cut first.</summary>
    public TornTail? RepairedTail { get; init; }
}
