using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations;
using Childctl.History.Store;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>The events one kind of change writes: its intent, and the outcome as succeeded, failed or unknown.</summary>
internal sealed record ChangeActions(string Intent, string Succeeded, string Failed, string Unknown)
{
    public static readonly ChangeActions Create = new(HistoryActions.ClusterCreateRequested, HistoryActions.ClusterCreated,
        HistoryActions.ClusterCreateFailed, HistoryActions.ClusterCreateUnknown);

    public static readonly ChangeActions Scale = new(HistoryActions.ClusterScaleRequested, HistoryActions.ClusterScaled,
        HistoryActions.ClusterScaleFailed, HistoryActions.ClusterScaleUnknown);

    public static readonly ChangeActions Upgrade = new(HistoryActions.ClusterUpgradeRequested, HistoryActions.ClusterUpgraded,
        HistoryActions.ClusterUpgradeFailed, HistoryActions.ClusterUpgradeUnknown);

    public static readonly ChangeActions Delete = new(HistoryActions.ClusterDeleteRequested, HistoryActions.ClusterDeleted,
        HistoryActions.ClusterDeleteFailed, HistoryActions.ClusterDeleteUnknown);

    public static readonly ChangeActions Config = new(HistoryActions.ClusterConfigChangeRequested, HistoryActions.ClusterConfigChanged,
        HistoryActions.ClusterConfigChangeFailed, HistoryActions.ClusterConfigChangeUnknown);

    public static readonly IReadOnlyList<ChangeActions> All = [Create, Scale, Upgrade, Config, Delete];

    public static ChangeActions? ForIntent(string action) => All.FirstOrDefault(a => a.Intent == action);

    /// <summary>An outcome that closes the intent for good: succeeded or failed (an unknown one still waits to be settled).</summary>
    public bool IsFinal(HistoryEvent e) =>
        e.Action == Succeeded || e.Action == Failed || e.Result == HistoryRecorder.Skipped || e.Parameters?.ContainsKey(ChangeEvidence.SettledBy) == true;
}

/// <summary>What reading the object back says about a change whose answer was lost.</summary>
internal enum Verdict
{
    /// <summary>The object shows the change made.</summary>
    Applied,

    /// <summary>The object shows the change not made.</summary>
    NotApplied,

    /// <summary>The object cannot tell (another writer changed it since, or it is gone where that says nothing).</summary>
    Unknown,
}

/// <summary>A verdict, what it rests on (one phrase for the record), and the object it was read from (null: there is none).</summary>
internal sealed record Settlement(Verdict Verdict, string Evidence, ClusterDeployment? Object);

/// <summary>
/// The one rule for how a change turned out when its answer was lost, judged from its intent event alone, so that the
/// command that sent it (at once) and any later command (<see cref="PendingChanges"/>) judge alike. The intent names
/// the operation (whose id the change stamps on the object, <c>childctl.dev/operation</c>), the uid, and the generation
/// and resourceVersion the write was conditional on:
/// <list type="bullet">
/// <item>create: no object of the name → not applied; the object carries the operation id → applied (its uid is
/// recorded); one created before the intent → not applied; else unknown.</item>
/// <item>delete: gone, replaced by another uid, or carrying a deletionTimestamp → applied; there and not being deleted → not applied.</item>
/// <item>scale, upgrade: the operation id on the same uid → applied (the stamp is written with the spec, atomically);
/// the generation still the planned one → not applied; else unknown.</item>
/// </list>
/// </summary>
internal static class ChangeEvidence
{
    public const string PlannedGeneration = "planned_generation";
    public const string PlannedResourceVersion = "planned_resource_version";
    public const string SettledBy = "settled_by";
    public const string SettledByUser = "settled_by_user";

    /// <summary>The intents in <paramref name="events"/> (time order) that no final outcome follows.</summary>
    public static List<HistoryEvent> Pending(IReadOnlyList<HistoryEvent> events)
    {
        var pending = new List<HistoryEvent>();
        for (var i = 0; i < events.Count; i++)
        {
            var intent = events[i];
            if (intent.Operation is null || intent.Source != EventSources.Childctl || ChangeActions.ForIntent(intent.Action) is not { } actions)
            {
                continue;
            }

            var closed = false;
            for (var j = i + 1; j < events.Count && !closed; j++)
            {
                closed = events[j].Operation == intent.Operation && actions.IsFinal(events[j]);
            }

            if (!closed)
            {
                pending.Add(intent);
            }
        }

        return pending;
    }

    public static Settlement Judge(HistoryEvent intent, ClusterDeployment? now)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var ours = now is not null && Stamp(now) == intent.Operation;
        return ChangeActions.ForIntent(intent.Action) switch
        {
            { } a when a == ChangeActions.Create => JudgeCreate(intent, now, ours),
            { } a when a == ChangeActions.Delete => JudgeDelete(intent, now),
            _ => JudgeSpecChange(intent, now, ours),
        };
    }

    private static Settlement JudgeCreate(HistoryEvent intent, ClusterDeployment? now, bool ours) => now switch
    {
        null => new Settlement(Verdict.NotApplied, "no ClusterDeployment of that name exists", null),
        _ when ours => new Settlement(Verdict.Applied, $"the object (uid {now.Uid}) carries this operation's id", now),
        { CreationTimestamp: { } created } when created < intent.Timestamp.AddSeconds(-1) =>
            new Settlement(Verdict.NotApplied, $"the name is held by an object created before ({now.Uid}, {created:u})", now),
        _ => new Settlement(Verdict.Unknown, $"the name is held by uid {now.Uid}, stamped by {Stamp(now) ?? "no childctl operation"}", now),
    };

    private static Settlement JudgeDelete(HistoryEvent intent, ClusterDeployment? now) => now switch
    {
        null => new Settlement(Verdict.Applied, "the object is gone", null),
        _ when intent.Uid is not null && now.Uid != intent.Uid => new Settlement(Verdict.Applied, $"the object is gone; the name now holds uid {now.Uid}", null),
        { DeletionTimestamp: { } since } => new Settlement(Verdict.Applied, $"the object is being deleted (since {since:u})", now),
        _ => new Settlement(Verdict.NotApplied, "the object is still there and not being deleted", now),
    };

    private static Settlement JudgeSpecChange(HistoryEvent intent, ClusterDeployment? now, bool ours)
    {
        if (now is null || (intent.Uid is not null && now.Uid != intent.Uid))
        {
            return new Settlement(Verdict.Unknown, now is null ? "the object is gone" : $"the name now holds uid {now.Uid}", null);
        }

        if (ours)
        {
            return new Settlement(Verdict.Applied, $"the object carries this operation's id (generation {now.Generation})", now);
        }

        return intent.Parameters?.GetValueOrDefault(PlannedGeneration) is { } planned && planned == now.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? new Settlement(Verdict.NotApplied, $"the spec is unchanged (generation {planned})", now)
            : new Settlement(Verdict.Unknown, $"another writer changed it since (stamped by {Stamp(now) ?? "no childctl operation"})", now);
    }

    private static string? Stamp(ClusterDeployment cluster) =>
        cluster.Raw.ValueKind == System.Text.Json.JsonValueKind.Object
            ? JsonPath.Find(cluster.Raw, "metadata", "annotations", ProvenanceAnnotations.Operation)?.GetString()
            : null;
}

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
