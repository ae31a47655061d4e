using System.Globalization;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.Core.Text;
using Childctl.History.Query;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// The history records of transitions a wait or watch sees: ready (with time to ready and when each pipeline condition
/// became True), failed (with the root cause) and deleted. Each is keyed by uid, transition and the transition's own
/// timestamp (and the generation it describes), so a second observer of the same transition produces the same event id
/// and the store ignores it. Times are recorded only where they mean the event: a duration whose start or end childctl
/// cannot know is left out (history then shows it as unknown), and a moment known only as "by then" is recorded as a
/// bound (<c>failed_by</c>, <c>gone_at_latest</c>), never as the moment.
/// </summary>
internal static class ObservedTransitions
{
    /// <param name="since">When the awaited change started (the operation), or null.</param>
    /// <param name="sawNotReady">The observer saw this incarnation not ready before: the Ready transition is one it watched happen.</param>
    public static ObservedRecord Ready(ClusterDeployment cluster, DateTimeOffset? since, bool sawNotReady)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var ready = cluster.FindCondition(ConditionTypes.Ready);
        var at = ready?.LastTransitionTime ?? cluster.CreationTimestamp ?? DateTimeOffset.UnixEpoch;
        var start = GenerationStart(cluster, since, sawNotReady);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["generation"] = cluster.Generation.ToString(CultureInfo.InvariantCulture),
            ["ready_at"] = Stamp(at),
        };
        if (start is { } s && at >= s)
        {
            parameters[Milestones.ReadyFromKey] = Stamp(s);
            parameters["time_to_ready"] = DurationText.Format(at - s);
            foreach (var condition in ConditionTypes.InPipelineOrder(cluster.Conditions).Where(c => c.IsTrue && c.Type != ConditionTypes.Ready))
            {
                if (condition.LastTransitionTime is { } t && t >= s)
                {
                    parameters[$"after_{condition.Type}"] = DurationText.Format(t - s);
                }
            }
        }

        var message = parameters.TryGetValue("time_to_ready", out var took)
            ? $"became Ready after {took}"
            : "observed Ready (it already was when first seen, so how long it took is unknown)";
        return new ObservedRecord(HistoryActions.ObservedReady, cluster.Uid, $"{cluster.Uid}/ready/{Stamp(at)}/{cluster.Generation}", at, parameters, message);
    }

    /// <param name="observedAt">When the observer saw it failed.</param>
    /// <param name="sawNotFailed">The observer saw this incarnation in another phase before: the failure happened since.</param>
    public static ObservedRecord Failed(ClusterDeployment cluster, string reason, DateTimeOffset observedAt, bool sawNotFailed)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var ready = cluster.FindCondition(ConditionTypes.Ready);
        var idTime = ready?.LastTransitionTime ?? cluster.CreationTimestamp ?? DateTimeOffset.UnixEpoch;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["generation"] = cluster.Generation.ToString(CultureInfo.InvariantCulture),
        };

        // Ready's lastTransitionTime does not move when its reason goes Progressing → Failed (the 30-minute rule), so it
        // dates nothing; the failing condition's own transition does, unless it is CAPI's summary failing by age.
        if (PhaseRule.FailingCondition(cluster) is { Type: not ConditionTypes.CapiClusterSummary, LastTransitionTime: { } turned })
        {
            parameters["failed_at"] = Stamp(turned);
        }
        else if (sawNotFailed)
        {
            parameters["failed_at"] = Stamp(observedAt);
        }
        else
        {
            parameters[Milestones.FailedByKey] = Stamp(observedAt);
        }

        return new ObservedRecord(HistoryActions.ObservedFailed, cluster.Uid, $"{cluster.Uid}/failed/{Stamp(idTime)}/{cluster.Generation}", idTime, parameters, reason);
    }

    /// <param name="uid">The incarnation that is gone.</param>
    /// <param name="createdAt">Its creation time: with the uid it names the incarnation, so it dates the event id.</param>
    /// <param name="deletionRequestedAt">Its deletionTimestamp, when it was seen terminating.</param>
    /// <param name="observedAt">When it was seen gone.</param>
    /// <param name="sawItGo">The observer saw it live and then saw it go; otherwise it was already gone when it looked, and <paramref name="observedAt"/> is only a bound.</param>
    public static ObservedRecord Deleted(string uid, DateTimeOffset? createdAt, DateTimeOffset? deletionRequestedAt, DateTimeOffset observedAt, bool sawItGo)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        string message;
        if (deletionRequestedAt is { } requested)
        {
            parameters["deletion_requested_at"] = Stamp(requested);
        }

        if (!sawItGo)
        {
            parameters[Milestones.GoneAtLatestKey] = Stamp(observedAt);
            message = $"observed gone by {Stamp(observedAt)} at the latest (already gone when childctl looked; when it went is unknown)";
        }
        else if (deletionRequestedAt is { } r)
        {
            var took = DurationText.Format(observedAt - r);
            parameters["time_to_delete"] = took;
            message = $"gone {took} after deletion was requested";
        }
        else
        {
            message = "observed gone from the management cluster";
        }

        return new ObservedRecord(HistoryActions.ObservedDeleted, uid, $"{uid}/deleted", createdAt ?? DateTimeOffset.UnixEpoch, parameters, message);
    }

    /// <summary>
    /// When the generation that became ready started, if the observer can know: the operation's start for a change it
    /// made, else, for generation 1 that it watched become ready, the creation. A cluster first seen already Ready may
    /// have become Ready long after its creation, or become Ready again later: its start is unknown.
    /// </summary>
    private static DateTimeOffset? GenerationStart(ClusterDeployment cluster, DateTimeOffset? since, bool sawNotReady)
    {
        if (cluster.Generation <= 1 && (since is not null || sawNotReady) && cluster.CreationTimestamp is { } created)
        {
            return created;
        }

        return since is { } s ? WaitEvaluator.TruncateToSecond(s) : null;
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
