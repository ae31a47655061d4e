using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations;
using Childctl.History.Events;
using Childctl.History.Store;

namespace Childctl.Core.History;

/// <summary>
/// Settles the changes of earlier commands whose outcome history does not know: an intent with no outcome (the process
/// was killed) or with an unknown one (no answer, and reading back could not tell). Run by the next command about the
/// cluster (<see cref="RecordedChange"/>) and by <c>history</c>: the object is read once and each pending intent judged by
/// <see cref="ChangeEvidence"/>, and the settlement recorded once (<see cref="HistoryRecorder.RecordSettlementAsync"/>,
/// an id fixed by the operation). A cluster with a change in flight on this machine is left alone: its outcome is coming.
/// </summary>
internal sealed class PendingChanges(Session session)
{
    /// <summary>Whether <paramref name="events"/> hold a change still to be settled (cheap: no API, no file).</summary>
    public static bool AnyPending(IReadOnlyList<HistoryEvent> events) => ChangeEvidence.Pending(events).Count > 0;

    /// <summary>
    /// Settles what is pending in one cluster's history; returns how many were settled. Best effort: an API that cannot
    /// be read leaves them pending (the caller may say so), a change in flight leaves them alone.
    /// </summary>
    public async Task<int> TrySettleAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var stream = new HistoryStreamId(session.Cluster.ClusterName, ns, name);
        var read = await session.History.ReadAsync(stream, cancellationToken);
        if (read.Document is null || !AnyPending(read.Document.Events))
        {
            return 0;
        }

        using var hold = LocalHistory.Guard(() => session.History.Store.TryHoldForSettling(stream));
        if (hold is null)
        {
            return 0;
        }

        // Read again under the hold: an outcome may have been appended since.
        var again = await session.History.ReadAsync(stream, cancellationToken);
        var pending = ChangeEvidence.Pending(again.Document?.Events ?? []);
        if (pending.Count == 0)
        {
            return 0;
        }

        var raw = await session.Api.TryGetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken);
        var now = raw is { } found ? ClusterDeploymentReader.Read(found) : null;
        var settled = 0;
        foreach (var intent in pending)
        {
            settled += await RecordAsync(ns, name, intent, ChangeEvidence.Judge(intent, now)) ? 1 : 0;
        }

        return settled;
    }

    /// <summary>As <see cref="TrySettleAsync"/>, for a view: a failure to settle is a warning, never the view's failure.</summary>
    public async Task<string?> TrySettleForViewAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            await TrySettleAsync(ns, name, cancellationToken);
            return null;
        }
        catch (ChildctlException e)
        {
            return $"the outcome of an earlier change to {ns}/{name} is not known and could not be settled now: {e.Message}";
        }
    }

    private Task<bool> RecordAsync(string ns, string name, HistoryEvent intent, Settlement settlement)
    {
        var actions = ChangeActions.ForIntent(intent.Action)!;
        var (action, result) = settlement.Verdict switch
        {
            Verdict.Applied => (actions.Succeeded, HistoryRecorder.Succeeded),
            Verdict.NotApplied => (actions.Failed, HistoryRecorder.Failed),
            _ => (actions.Unknown, HistoryRecorder.Unknown),
        };
        var parameters = new Dictionary<string, string>(intent.Parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (settlement.Verdict == Verdict.Applied && settlement.Object is { } obj && actions != ChangeActions.Delete)
        {
            parameters = SpecSnapshot.AddTo(parameters, obj);
        }

        var message = $"settled later from the object read back: {settlement.Evidence}";
        var uid = settlement.Object?.Uid ?? intent.Uid;
        return session.Recorder().RecordSettlementAsync(ns, name, intent, action, result, uid, parameters, message, CancellationToken.None);
    }
}
