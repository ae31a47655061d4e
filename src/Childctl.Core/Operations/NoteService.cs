using Childctl.Core.Errors;
using Childctl.History.Events;
using Childctl.History.Store;

namespace Childctl.Core.Operations;

/// <summary>
/// Appends a <c>note_added</c> event. Works offline: the uid lookup may fail, and the note is recorded anyway,
/// without a uid and with the reason returned to the caller.
/// </summary>
public sealed class NoteService
{
    private readonly IHistoryStore _store;
    private readonly IClusterUidLookup _uids;

    public NoteService(IHistoryStore store, IClusterUidLookup uids)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _uids = uids ?? throw new ArgumentNullException(nameof(uids));
    }

    public async Task<NoteResult> AddAsync(NoteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw ChildctlException.InvalidInput("the note is empty: pass the text, e.g. childctl note NAME \"why this cluster is kept\"");
        }

        var stream = new HistoryStreamId(request.ManagementCluster.ClusterName, request.Namespace, request.Name);
        stream.Validate();
        var uid = await _uids.LookupAsync(request.ManagementCluster, request.Namespace, request.Name, cancellationToken);
        var id = EventIds.New(request.Now);
        var e = new HistoryEvent
        {
            Timestamp = request.Now,
            Id = id,
            Action = EventActions.NoteAdded,
            User = request.User,
            Uid = uid.Uid,
            ManagementCluster = new ManagementClusterRef(request.ManagementCluster.ClusterName, request.ManagementCluster.Server),
            Operation = id,
            Command = request.CommandLine,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason,
            Message = request.Text,
            Source = EventSources.Childctl,
        };
        var result = await _store.AppendAsync(stream, [e], cancellationToken: cancellationToken);
        return new NoteResult(stream, e, uid.Uid is null ? uid.UnknownReason ?? "unknown" : null, result.RepairedTail);
    }
}
