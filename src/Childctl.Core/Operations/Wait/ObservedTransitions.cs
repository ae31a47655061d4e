using System.Globalization;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.Core.Text;

namespace Childctl.Core.Operations.Wait;

/// <summary>
/// The history records of transitions a wait sees: ready (with time to ready and when each pipeline condition became
/// True), failed (with the root cause) and deleted. Each is keyed by uid, transition and the transition's own
/// timestamp (and the generation it describes), so a second wait over the same transition produces the same event id
/// and the store ignores it.
/// </summary>
internal static class ObservedTransitions
{
    /// <param name="since">When the awaited change started (the operation), or null to use the creation time of a never-changed cluster.</param>
    public static ObservedRecord Ready(ClusterDeployment cluster, DateTimeOffset? since)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var ready = cluster.FindCondition(ConditionTypes.Ready);
        var at = ready?.LastTransitionTime ?? cluster.CreationTimestamp ?? DateTimeOffset.UnixEpoch;
        var start = since ?? (cluster.Generation <= 1 ? cluster.CreationTimestamp : null);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["generation"] = cluster.Generation.ToString(CultureInfo.InvariantCulture),
            ["ready_at"] = Stamp(at),
        };
        if (start is { } s)
        {
            parameters["time_to_ready"] = DurationText.Format(at - WaitEvaluator.TruncateToSecond(s));
            foreach (var condition in ConditionTypes.InPipelineOrder(cluster.Conditions).Where(c => c.IsTrue && c.Type != ConditionTypes.Ready))
            {
                if (condition.LastTransitionTime is { } t && t >= WaitEvaluator.TruncateToSecond(s))
                {
                    parameters[$"after_{condition.Type}"] = DurationText.Format(t - WaitEvaluator.TruncateToSecond(s));
                }
            }
        }

        var message = parameters.TryGetValue("time_to_ready", out var took) ? $"became Ready after {took}" : "observed Ready";
        return new ObservedRecord(HistoryActions.ObservedReady, cluster.Uid, $"{cluster.Uid}/ready/{Stamp(at)}/{cluster.Generation}", at, parameters, message);
    }

    public static ObservedRecord Failed(ClusterDeployment cluster, string reason)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var ready = cluster.FindCondition(ConditionTypes.Ready);
        var at = ready?.LastTransitionTime ?? cluster.CreationTimestamp ?? DateTimeOffset.UnixEpoch;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["generation"] = cluster.Generation.ToString(CultureInfo.InvariantCulture),
            ["failed_at"] = Stamp(at),
        };
        return new ObservedRecord(HistoryActions.ObservedFailed, cluster.Uid, $"{cluster.Uid}/failed/{Stamp(at)}/{cluster.Generation}", at, parameters, reason);
    }

    /// <param name="uid">The incarnation that is gone.</param>
    /// <param name="createdAt">Its creation time: with the uid it names the incarnation, so it dates the event id.</param>
    /// <param name="deletionRequestedAt">Its deletionTimestamp, when it was seen terminating.</param>
    /// <param name="observedAt">When it was seen gone.</param>
    public static ObservedRecord Deleted(string uid, DateTimeOffset? createdAt, DateTimeOffset? deletionRequestedAt, DateTimeOffset observedAt)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var message = "observed gone from the management cluster";
        if (deletionRequestedAt is { } requested)
        {
            parameters["deletion_requested_at"] = Stamp(requested);
            var took = DurationText.Format(observedAt - requested);
            parameters["time_to_delete"] = took;
            message = $"gone {took} after deletion was requested";
        }

        return new ObservedRecord(HistoryActions.ObservedDeleted, uid, $"{uid}/deleted", createdAt ?? DateTimeOffset.UnixEpoch, parameters, message);
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
