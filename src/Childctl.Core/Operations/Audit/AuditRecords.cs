using Childctl.Core.Kubernetes;
using Childctl.History.Events;

namespace Childctl.Core.Operations.Audit;

/// <summary>
/// Turns a finding into the observed events <c>audit --record</c> appends. Ids are deterministic — uid, finding and,
/// for a change, the generation, dated by the object's creation — so recording the same finding again is a no-op.
/// Each event is dated when the fact happened as far as the API tells (creation, the change's managedFields time, the
/// deletionTimestamp), or when the audit saw it when it cannot tell (a deletion that left nothing behind); the audit's
/// own time is kept in <c>observed_at</c>. The user field stays empty: the actor is the manager, not whoever ran audit.
/// </summary>
public static class AuditRecords
{
    public static IReadOnlyList<HistoryEvent> For(AuditFinding finding, ManagementCluster cluster, OperationContext audit)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(audit);
        var writer = new Writer(cluster, audit);
        return finding.Class switch
        {
            AuditClass.InStep => [],
            AuditClass.DeletedElsewhere => [writer.Deleted(finding.Uid!, finding.RecordedCreatedAt, "no object with this uid any more, and no delete in history: deleted outside childctl")],
            AuditClass.Recreated when finding.PreviousDeletionUnrecorded =>
                [writer.Deleted(finding.PreviousUid!, finding.RecordedCreatedAt, $"gone: a new object (uid {finding.Uid}) took the name, and no delete is in history"), writer.Live(finding)],
            _ => [writer.Live(finding)],
        };
    }

    private sealed class Writer(ManagementCluster cluster, OperationContext audit)
    {
        public HistoryEvent Live(AuditFinding f)
        {
            var live = f.Live!;
            var idTime = live.CreatedAt ?? DateTimeOffset.UnixEpoch;
            var (identity, at) = f.Class switch
            {
                AuditClass.ChangedElsewhere => ($"{live.Uid}/changed_elsewhere/{live.SpecGeneration}", f.At),
                AuditClass.DeletingElsewhere => ($"{live.Uid}/deletion_requested", live.DeletionRequestedAt),
                AuditClass.Recreated => ($"{live.Uid}/recreated", live.CreatedAt),
                _ => ($"{live.Uid}/created_elsewhere", live.CreatedAt),
            };
            // managedFields and deletionTimestamp have one-second resolution: never date the observation before the
            // recorded event it follows, so the timeline keeps its order.
            var when = at ?? audit.StartedAt;
            when = f.RecordedAt is { } recorded && recorded > when ? recorded : when;
            return Event(AuditActions.For(f.Class), live.Uid, EventIds.Deterministic(idTime, identity), when, Parameters(f), f.Detail);
        }

        public HistoryEvent Deleted(string uid, DateTimeOffset? createdAt, string message)
        {
            // The identity and date match what wait and delete record for the same disappearance, so they never repeat it.
            var parameters = Common(new Dictionary<string, string>(StringComparer.Ordinal));
            return Event(HistoryActions.ObservedDeleted, uid, EventIds.Deterministic(createdAt ?? DateTimeOffset.UnixEpoch, $"{uid}/deleted"),
                audit.StartedAt, parameters, message);
        }

        private Dictionary<string, string> Parameters(AuditFinding f)
        {
            var live = f.Live!;
            var p = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [SpecSnapshot.GenerationKey] = live.SpecGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource_version"] = live.ResourceVersion,
            };
            AddIf(p, SpecSnapshot.CreatedAtKey, live.CreatedAt);
            AddIf(p, "deletion_requested_at", live.DeletionRequestedAt);
            AddIf(p, "previous_uid", f.PreviousUid);
            AddIf(p, "previous_generation", f.RecordedGeneration?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (f.By is { } by)
            {
                p["manager"] = by.Manager;
                AddIf(p, "manager_operation", by.Operation);
                AddIf(p, "managed_at", by.Time);
                AddIf(p, "childctl_operator", by.ChildctlOperator);
                AddIf(p, "childctl_operation", by.ChildctlOperation);
            }

            Common(p);
            foreach (var (key, value) in live.Spec)
            {
                p[key] = value;
            }

            return p;
        }

        private Dictionary<string, string> Common(Dictionary<string, string> p)
        {
            p["observed_at"] = SpecSnapshot.Stamp(audit.StartedAt);
            p["observed_by"] = audit.User;
            return p;
        }

        private HistoryEvent Event(string action, string uid, string id, DateTimeOffset timestamp, Dictionary<string, string> parameters, string message) => new()
        {
            Timestamp = timestamp,
            Id = id,
            Action = action,
            Uid = uid,
            ManagementCluster = new ManagementClusterRef(cluster.ClusterName, cluster.Server),
            Operation = audit.Id,
            Parameters = parameters,
            Command = audit.CommandLine,
            Message = message,
            Source = EventSources.Observed,
        };

        private static void AddIf(Dictionary<string, string> p, string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                p[key] = value;
            }
        }

        private static void AddIf(Dictionary<string, string> p, string key, DateTimeOffset? value)
        {
            if (value is { } v)
            {
                p[key] = SpecSnapshot.Stamp(v);
            }
        }
    }
}
