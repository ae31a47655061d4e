using Childctl.History.Codec;

namespace Childctl.History.Store;

/// <summary>The result of reading one stream: its file (if any), what it holds, and a torn tail that was set aside.</summary>
public sealed record StreamRead(HistoryStreamId Stream, string Path, HistoryDocument? Document, TornTail? TornTail)
{
    public bool Exists => Document is not null;
}
