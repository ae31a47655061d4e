using Childctl.History;
using Childctl.History.Events;
using Childctl.History.Store;

namespace Childctl.Core.History;

/// <summary>
/// <see cref="IClusterHistory"/> over the local history store: reads exactly one cluster's file. A file that
/// cannot be read is reported in the excerpt rather than failing the live view around it.
/// </summary>
public sealed class FileClusterHistory : IClusterHistory
{
    private readonly FileHistoryStore _store;

    public FileClusterHistory(FileHistoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    public async Task<HistoryExcerpt> ReadLatestAsync(string managementCluster, string ns, string name, int count, CancellationToken cancellationToken)
    {
        var stream = new HistoryStreamId(managementCluster, ns, name);
        try
        {
            var location = _store.PathOf(stream);
            var read = await _store.ReadAsync(stream, cancellationToken);
            if (read.Document is not { } document)
            {
                return HistoryExcerpt.None(location);
            }

            var events = document.Events;
            var latest = events.Skip(Math.Max(0, events.Count - count)).Select(ToEntry).ToList();
            return new HistoryExcerpt(read.Path, events.Count, latest);
        }
        catch (HistoryException e)
        {
            return new HistoryExcerpt(stream.ToString(), 0, [], e.Message);
        }
    }

    private static HistoryEntry ToEntry(HistoryEvent e) => new(
        e.Timestamp,
        e.Action,
        e.User,
        e.Result,
        Details(e),
        e.Uid);

    private static string? Details(HistoryEvent e)
    {
        var text = e.Error ?? e.Reason ?? e.Message;
        if (text is null && e.Parameters is { Count: > 0 } parameters)
        {
            text = string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"));
        }

        if (text is null)
        {
            return null;
        }

        var firstLine = text.Split('\n')[0].Trim();
        return e.Source is "observed" or "legacy" ? $"[{e.Source}] {firstLine}" : firstLine;
    }
}
