namespace Childctl.History.Store;

/// <summary>A stream found on disk, and its file.</summary>
public sealed record StreamInfo(HistoryStreamId Stream, string Path);
