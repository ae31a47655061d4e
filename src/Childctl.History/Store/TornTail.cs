namespace Childctl.History.Store;

/// <summary>
/// A write cut short by a crash: <see cref="Length"/> bytes from <see cref="Offset"/> of <see cref="LogPath"/>,
/// copied to <see cref="SidePath"/> and then cut from the log.
/// </summary>
public sealed record TornTail(string LogPath, string SidePath, long Offset, long Length);
