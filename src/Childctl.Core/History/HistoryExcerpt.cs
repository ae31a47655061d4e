namespace Childctl.Core.History;

/// <summary>
/// The tail of one cluster's history file: where it is, how many entries it has in all, the last few. A missing
/// file is an empty excerpt; <see cref="Problem"/> says why the file could not be read, if it could not.
/// </summary>
public sealed record HistoryExcerpt(string Location, int Total, IReadOnlyList<HistoryEntry> Entries, string? Problem = null)
{
    public static HistoryExcerpt None(string location) => new(location, 0, []);
}
