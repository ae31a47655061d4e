using Microsoft.Win32.SafeHandles;

namespace Childctl.History.Storage;

/// <summary>
/// The writes that can fail on a full or broken disk, in one place: the store does every write, fsync and cut of a
/// history file through this, so tests can make any of them fail (after writing part of the bytes, as ENOSPC does)
/// without a full disk. Production code uses <see cref="Real"/>.
/// </summary>
internal class DiskIo
{
    public static readonly DiskIo Real = new();

    /// <summary>Writes all of <paramref name="bytes"/> at <paramref name="offset"/>; may write part of them before it throws.</summary>
    public virtual void Write(SafeFileHandle file, ReadOnlySpan<byte> bytes, long offset) => RandomAccess.Write(file, bytes, offset);

    /// <summary>fsync: returns once everything written to the file so far is on disk.</summary>
    public virtual void Flush(SafeFileHandle file) => RandomAccess.FlushToDisk(file);

    /// <summary>Cuts the file to <paramref name="length"/> bytes (a failed append's bytes, a torn tail).</summary>
    public virtual void SetLength(SafeFileHandle file, long length) => RandomAccess.SetLength(file, length);

    /// <summary>True when the failure means the disk is full (ENOSPC, EDQUOT): worded as such for the user.</summary>
    public static bool IsDiskFull(Exception e) =>
        e is IOException { HResult: 28 or 122 } || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);
}
