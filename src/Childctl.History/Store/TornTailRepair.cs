using System.Globalization;
using Childctl.History.Storage;

namespace Childctl.History.Store;

/// <summary>
/// Moves a torn tail out of the log: its bytes are first written (and flushed) to a side file next to the
/// log, and only then cut from the log, so a crash during the repair loses nothing. Call it under the lock.
/// </summary>
internal static class TornTailRepair
{
    public static TornTail SetAside(string path, FileStream log, long boundary, TimeProvider time)
    {
        var length = log.Length - boundary;
        var bytes = new byte[length];
        RandomAccess.Read(log.SafeFileHandle, bytes, boundary);
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var side = $"{path}.torn-{stamp}-at-{boundary}";
        for (var n = 2; File.Exists(side); n++)
        {
            side = $"{path}.torn-{stamp}-at-{boundary}-{n}";
        }

        SecureFiles.CreateDurably(side, bytes);
        try
        {
            log.SetLength(boundary);
            log.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            throw HistoryException.Io(path, "cut the torn tail (it is saved in " + side + ") from", e);
        }

        return new TornTail(path, side, boundary, length);
    }
}
