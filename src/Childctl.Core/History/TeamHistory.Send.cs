using Childctl.Core.Errors;
using Childctl.History.Store;
using Childctl.History.Team;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>Sending events to the team store: one JSON patch per chunk, a new chunk when there is none, the next one when it is sealed.</summary>
internal sealed partial class TeamHistory
{
    /// <summary>The values one patch carries at most, so a backlog goes in several patches and no chunk is overfilled at once.</summary>
    private const int BatchBytes = TeamSeries.ChunkBytes / 2;

    private const int MaxChunkAttempts = 8;

    /// <summary>
    /// Sends an event just appended (as recorded, <paramref name="pending"/> its marker) with whatever else is pending
    /// for the management cluster, when team history is on; never throws. Off, the marker goes; unknown, it waits.
    /// </summary>
    public async Task MirrorAsync(HistoryStreamId stream, HistoryEvent recorded, PendingEvent pending, CancellationToken cancellationToken)
    {
        try
        {
            var enabled = await EnabledAsync(readOnly: false, cancellationToken);
            if (enabled == false)
            {
                TeamOutbox.Done(pending);
                return;
            }

            if (enabled is null)
            {
                // Unknown: the API did not answer. The event waits; it is sent if the cluster turns out to have team history.
                TeamOutbox.Abandon(pending);
                return;
            }

            var backlog = await ClaimableAsync(cancellationToken);
            var here = backlog.GetValueOrDefault((stream.Namespace, stream.Name)) ?? [];
            await SendAsync(stream.Namespace, stream.Name, [(recorded, pending), .. here], cancellationToken);
            foreach (var ((ns, name), events) in backlog.Where(b => b.Key != (stream.Namespace, stream.Name)))
            {
                await SendAsync(ns, name, events, cancellationToken);
            }
        }
        catch (ChildctlException ex)
        {
            TeamOutbox.Abandon(pending);
            WarnOnce(Describe(ex));
        }
        catch (OperationCanceledException)
        {
            TeamOutbox.Abandon(pending);
        }
    }

    /// <summary>
    /// Sends events of one cluster (each with its marker, removed once sent) to the team store, in batches of at most
    /// <see cref="BatchBytes"/>. Throws <see cref="ChildctlException"/> when the API refuses or does not answer.
    /// </summary>
    private async Task SendAsync(string ns, string name, IReadOnlyList<(HistoryEvent Event, PendingEvent? Pending)> events, CancellationToken cancellationToken)
    {
        var batch = new List<(HistoryEvent Event, PendingEvent? Pending)>();
        var bytes = 0;
        foreach (var item in events.DistinctBy(i => i.Event.Id))
        {
            var size = TeamEventCodec.Encode(item.Event).Length + item.Event.Id!.Length;
            if (batch.Count > 0 && bytes + size > BatchBytes)
            {
                await SendBatchAsync(ns, name, batch, cancellationToken);
                batch.Clear();
                bytes = 0;
            }

            batch.Add(item);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            await SendBatchAsync(ns, name, batch, cancellationToken);
        }

        foreach (var pending in events.Select(i => i.Pending).OfType<PendingEvent>())
        {
            TeamOutbox.Done(pending);
        }
    }

    /// <summary>
    /// One batch into the chunk this machine last used (0 at first): appended with a JSON patch (one round trip), created
    /// when missing, and when the chunk is sealed or full, the open one found with a list and tried instead. A chunk that
    /// the append took past <see cref="TeamSeries.ChunkBytes"/> is sealed, and this machine moves to the next one.
    /// </summary>
    private async Task SendBatchAsync(string ns, string name, IReadOnlyList<(HistoryEvent Event, PendingEvent? Pending)> batch, CancellationToken cancellationToken)
    {
        var outbox = Outbox!;
        var events = batch.Select(b => b.Event).ToList();
        var hint = outbox.ReadChunk(ns, name);
        var chunk = hint ?? 0;
        var listed = false;
        for (var attempt = 0; attempt < MaxChunkAttempts; attempt++)
        {
            var chunkName = TeamSeries.ChunkName(ns, name, chunk);
            try
            {
                var stored = await _session.Api.JsonPatchAsync(ResourceKind.ConfigMap, Namespace, chunkName, TeamSeries.Append(events), cancellationToken);
                if (TeamSeries.DataBytes(stored) >= TeamSeries.ChunkBytes)
                {
                    await _session.Api.MergePatchAsync(ResourceKind.ConfigMap, Namespace, chunkName, TeamSeries.Seal(), cancellationToken);
                    outbox.WriteChunk(ns, name, chunk + 1);
                }
                else if (hint != chunk)
                {
                    outbox.WriteChunk(ns, name, chunk);
                }

                return;
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
            {
                if (await TryCreateAsync(ns, name, chunk, events, cancellationToken))
                {
                    outbox.WriteChunk(ns, name, chunk);
                    return;
                }
            }
            catch (ChildctlException e) when (e.Kind == ErrorKind.InvalidInput)
            {
                // Sealed (the test failed) or full (over the object limit): the open chunk is further on.
                chunk = listed ? chunk + 1 : await OpenChunkAsync(ns, name, chunk, cancellationToken);
                listed = true;
            }
        }

        throw new ChildctlException(ErrorKind.General, $"no open chunk found for {ns}/{name} in namespace {Namespace} after {MaxChunkAttempts} tries");
    }

    /// <summary>Creates the chunk with the batch in it; false when another writer created it first (then it is appended to).</summary>
    private async Task<bool> TryCreateAsync(string ns, string name, int chunk, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await _session.Api.CreateAsync(ResourceKind.ConfigMap, Namespace, TeamSeries.NewChunk(Namespace, ns, name, chunk, events), serverDryRun: false, cancellationToken);
            return true;
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.Conflict)
        {
            return false;
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.NotFound)
        {
            Remember(false);
            throw new ChildctlException(ErrorKind.NotFound, $"namespace {Namespace} is gone, so team history is off ('childctl history enable-team' turns it on again)", e);
        }
    }

    /// <summary>The lowest open chunk of the series, else the one after the last; one list.</summary>
    private async Task<int> OpenChunkAsync(string ns, string name, int tried, CancellationToken cancellationToken)
    {
        var list = await _session.Api.ListAsync(ResourceKind.ConfigMap, Namespace, TeamSeries.Selector(ns, name), cancellationToken);
        var chunks = list.Items.Select(TeamSeries.ChunkOf).OfType<(int Chunk, bool Open)>().ToList();
        var open = chunks.Where(c => c.Open && c.Chunk != tried).Select(c => c.Chunk).DefaultIfEmpty(-1).Min();
        return open >= 0 ? open : Math.Max(tried, chunks.Select(c => c.Chunk).DefaultIfEmpty(-1).Max()) + 1;
    }

    /// <summary>The pending events nobody else is sending, read from their local files, by cluster.</summary>
    private async Task<Dictionary<(string Namespace, string Name), List<(HistoryEvent Event, PendingEvent? Pending)>>> ClaimableAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), List<(HistoryEvent, PendingEvent?)>>();
        var claimable = Outbox!.Claimable(_session.Time.GetUtcNow());
        foreach (var group in claimable.GroupBy(p => (p.Namespace, p.Name)))
        {
            var stream = new HistoryStreamId(ClusterName!, group.Key.Namespace, group.Key.Name);
            StreamRead read;
            try
            {
                read = await _store.ReadAsync(stream, cancellationToken);
            }
            catch (Childctl.History.HistoryException)
            {
                continue; // a file that does not read keeps its markers until it does; history reports the file
            }

            var byId = (read.Document?.Events ?? []).Where(e => e.Id is not null).ToDictionary(e => e.Id!, StringComparer.Ordinal);
            var list = new List<(HistoryEvent, PendingEvent?)>();
            foreach (var pending in group)
            {
                if (byId.TryGetValue(pending.Id, out var e))
                {
                    list.Add((TeamEventCodec.ForTeam(e), pending));
                }
                else
                {
                    TeamOutbox.Done(pending); // its process died before the append: nothing was recorded, nothing to send
                }
            }

            if (list.Count > 0)
            {
                result[group.Key] = list;
            }
        }

        return result;
    }

    private string Describe(ChildctlException e) => e.Kind switch
    {
        ErrorKind.PermissionDenied => $"you may not write to namespace {Namespace} ({e.Message})",
        ErrorKind.Unreachable => $"the management cluster did not answer ({e.Message})",
        _ => $"the team store refused the event ({e.Message})",
    };
}
