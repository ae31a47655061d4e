using Childctl.Core.Api;
using Childctl.Core.History;
using Childctl.History.Query;
using Childctl.History.Store;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Audit;

/// <summary>
/// Turns a finding into the observed events <c>audit --record</c> appends. Ids are deterministic — uid, finding and,
/// for a change, the generation, dated by the object's creation — so recording the same finding again is a no-op.
/// Each event is dated when the fact happened as far as the API tells (creation, the change's managedFields time, the
/// deletionTimestamp, the replacing object's creation for an incarnation that vanished), or when the audit saw it when
/// it cannot tell (a deletion that left nothing behind); the audit's own time is kept in <c>observed_at</c>. Events are
/// never dated before the end of the cluster's history nor before the one they follow, so appends keep the file in time
/// order. The user field stays empty: the actor is the manager, not whoever ran audit.
/// </summary>
internal static class AuditRecords
{
    public static IReadOnlyList<HistoryEvent> For(AuditFinding finding, ManagementCluster cluster, OperationContext audit)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(audit);
        var writer = new Writer(cluster, audit);
        HistoryEvent[] events = finding.Class switch
        {
            AuditClass.InStep when finding.MetadataBaselineMissing && finding.Live is not null => [writer.MetadataBaseline(finding)],
            AuditClass.InStep => [],
            AuditClass.DeletedElsewhere => [writer.Deleted(finding.Uid!, finding.RecordedCreatedAt, "no object with this uid any more, and no delete in history: deleted outside childctl")],
            AuditClass.Recreated when finding.PreviousDeletionUnrecorded => [writer.Replaced(finding), writer.Live(finding)],
            _ => [writer.Live(finding)],
        };
        return InTimeOrder(events, finding.HistoryEndsAt);
    }

    /// <summary>
    /// Dates each event no earlier than the one before it, the first no earlier than <paramref name="floor"/>: the API's
    /// times have one-second resolution and another clock than the local events', and an append must never go back in time.
    /// </summary>
    private static HistoryEvent[] InTimeOrder(HistoryEvent[] events, DateTimeOffset? floor)
    {
        var previous = floor ?? DateTimeOffset.MinValue;
        for (var i = 0; i < events.Length; i++)
        {
            if (events[i].Timestamp < previous)
            {
                events[i] = events[i] with { Timestamp = previous };
            }

            previous = events[i].Timestamp;
        }

        return events;
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
            return Event(AuditActions.For(f.Class), live.Uid, EventIds.Deterministic(idTime, identity), at ?? audit.StartedAt, Parameters(f), f.Detail);
        }

        /// <summary>
        /// The labels and annotations of an in-step cluster whose history never recorded them, taken as the baseline now: an
        /// observation (what they are as of the audit), not a change; once per incarnation, so later audits compare with it.
        /// </summary>
        public HistoryEvent MetadataBaseline(AuditFinding f)
        {
            var live = f.Live!;
            return Event(AuditActions.ObservedMetadataBaseline, live.Uid,
                EventIds.Deterministic(live.CreatedAt ?? DateTimeOffset.UnixEpoch, $"{live.Uid}/metadata_baseline"), audit.StartedAt, Parameters(f),
                "labels and annotations were not recorded before; the live ones are the baseline from now on (not a change: what they were before is unknown)");
        }

        /// <summary>
        /// The previous incarnation of a recreated cluster, gone without a record. The API kept nothing of it, but a name
        /// is free only once its object is gone: the new object's creation is the latest it can have gone, so that dates it
        /// (not the audit, which would make the two lifetimes overlap), and the event says the exact time is unknown.
        /// </summary>
        public HistoryEvent Replaced(AuditFinding f)
        {
            if (f.Live!.CreatedAt is not { } taken)
            {
                return Deleted(f.PreviousUid!, f.RecordedCreatedAt, $"gone: a new object (uid {f.Uid}) took the name, and no delete is in history");
            }

            return Deleted(f.PreviousUid!, f.RecordedCreatedAt,
                $"gone by {SpecSnapshot.Stamp(taken)} at the latest, when a new object (uid {f.Uid}) took the name; the exact time is unknown, and no delete is in history",
                taken);
        }

        /// <param name="goneAtLatest">The latest it can have gone, when the API tells; else the audit saw it gone.</param>
        public HistoryEvent Deleted(string uid, DateTimeOffset? createdAt, string message, DateTimeOffset? goneAtLatest = null)
        {
            // The identity matches what wait and delete record for the same disappearance, so they never repeat it.
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            AddIf(parameters, Milestones.GoneAtLatestKey, goneAtLatest);
            Common(parameters);
            return Event(HistoryActions.ObservedDeleted, uid, EventIds.Deterministic(createdAt ?? DateTimeOffset.UnixEpoch, $"{uid}/deleted"),
                goneAtLatest ?? audit.StartedAt, parameters, message);
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

/// <summary>The history actions <c>audit --record</c> appends (besides <c>observed_deleted</c>), all with source <c>observed</c>.</summary>
internal static class AuditActions
{
    public const string ObservedCreatedElsewhere = "observed_created_elsewhere";
    public const string ObservedRecreated = "observed_recreated";
    public const string ObservedChangedElsewhere = "observed_changed_elsewhere";
    public const string ObservedDeletionRequested = "observed_deletion_requested";

    /// <summary>Labels and annotations taken as the baseline for history that predates their recording (not a change).</summary>
    public const string ObservedMetadataBaseline = "observed_metadata_baseline";

    /// <summary>The action a finding of <paramref name="kind"/> is recorded as (the previous incarnation of a recreated one also gets <c>observed_deleted</c>).</summary>
    public static string For(AuditClass kind) => kind switch
    {
        AuditClass.CreatedElsewhere => ObservedCreatedElsewhere,
        AuditClass.Recreated => ObservedRecreated,
        AuditClass.ChangedElsewhere => ObservedChangedElsewhere,
        AuditClass.DeletingElsewhere => ObservedDeletionRequested,
        AuditClass.DeletedElsewhere => HistoryActions.ObservedDeleted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "an in-step cluster records nothing"),
    };
}
