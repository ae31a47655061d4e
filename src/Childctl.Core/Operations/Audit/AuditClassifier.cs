using Childctl.Core.History;
using Childctl.History.Query;
using Childctl.History.Store;

namespace Childctl.Core.Operations.Audit;

/// <summary>
/// The pure rule of <c>audit</c>: compares one cluster name's live object (or its absence) with what its history
/// says happened, by uid. Observed events count as history: once an audit has recorded a finding, the same state is
/// in step, so a cron job hears about each out-of-band change once. No I/O, no clock.
/// </summary>
internal static partial class AuditClassifier
{
    private static readonly HashSet<string> DeletionActions = new(StringComparer.Ordinal)
    {
        HistoryActions.ClusterDeleted,
        HistoryActions.ObservedDeleted,
        AuditActions.ObservedDeletionRequested,
    };

    public static AuditFinding Classify(AuditSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var finding = subject.Live is { } live ? ClassifyLive(subject, live) : ClassifyGone(subject);
        return finding with
        {
            HistoryFile = subject.HistoryFile,
            HistoryEndsAt = subject.History.Count > 0 ? subject.History.Max(e => e.Timestamp) : null,
            RecordedServer = RecordedServer(subject.History),
        };
    }

    /// <summary>
    /// Not live, and every event in the history is a failed attempt without a uid (a failure, or the intent of an operation
    /// whose outcome was a failure): the name never was a cluster.
    /// </summary>
    public static bool IsOnlyFailedAttempts(AuditSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var failed = subject.History.Where(e => e.Result == HistoryRecorder.Failed).Select(e => e.Operation).ToHashSet(StringComparer.Ordinal);
        return subject.Live is null && failed.Count > 0
            && subject.History.All(e => string.IsNullOrEmpty(e.Uid) && (e.Result == HistoryRecorder.Failed || (e.Operation is not null && failed.Contains(e.Operation))));
    }

    /// <summary>
    /// The API server the history was last recorded against: its latest event that names one, except a note of a uid that
    /// other events (operations, observations) name a server for — a note taken through another kubeconfig (another URL
    /// for the same cluster) says nothing about which management cluster the incarnation lives on.
    /// </summary>
    private static string? RecordedServer(IReadOnlyList<HistoryEvent> history)
    {
        var named = history.Where(e => !string.IsNullOrEmpty(e.ManagementCluster?.Server)).OrderBy(e => e.Timestamp).ToList();
        var operated = named.Where(e => e.Action != EventActions.NoteAdded && !string.IsNullOrEmpty(e.Uid)).Select(e => e.Uid!).ToHashSet(StringComparer.Ordinal);
        return named.LastOrDefault(e => e.Action != EventActions.NoteAdded || string.IsNullOrEmpty(e.Uid) || !operated.Contains(e.Uid))?.ManagementCluster!.Server;
    }

    /// <summary>True when the events record that deletion of their incarnation was requested or seen done.</summary>
    public static bool RecordsDeletion(IEnumerable<HistoryEvent> incarnation) =>
        incarnation.Any(e => DeletionActions.Contains(e.Action) && e.Result != HistoryRecorder.Failed);

    private static AuditFinding ClassifyLive(AuditSubject s, LiveCluster live)
    {
        var own = s.History.Where(e => e.Uid == live.Uid).ToList();
        if (!own.Any(IsCreation))
        {
            return Unrecorded(s, live);
        }

        var baseline = AuditBaseline.Find(own)!;
        if (live.DeletionRequestedAt is { } requested && !RecordsDeletion(own))
        {
            return Live(s, live, AuditClass.DeletingElsewhere, baseline,
                $"deletion requested at {SpecSnapshot.Stamp(requested)} without a delete in history; still terminating") with { At = requested };
        }

        if (IsChanged(live, baseline))
        {
            return Changed(s, live, baseline);
        }

        var inStep = Live(s, live, AuditClass.InStep, baseline, InStepDetail(live, own) + TeamAttribution(s, own));
        return baseline.CapturedMetadata || live.DeletionRequestedAt is not null ? inStep : inStep with
        {
            MetadataBaselineMissing = true,
            Detail = inStep.Detail + "; " + MetadataNotRecorded,
        };
    }

    /// <summary>What an in-step finding says when history never recorded the labels and annotations (made before childctl did).</summary>
    public const string MetadataNotRecorded =
        "labels and annotations not recorded in history (it predates their recording), so not compared: audit --record takes the live ones as the baseline";

    /// <summary>
    /// A teammate's change, found only in the team store, is in step, and said to be theirs: the last change history
    /// records for the uid, with who made it, when that record came from another machine.
    /// </summary>
    private static string TeamAttribution(AuditSubject s, List<HistoryEvent> own)
    {
        var last = own.LastOrDefault(e => e.Source == EventSources.Childctl && e.Result == HistoryRecorder.Succeeded);
        return last is not null && s.FromTeam.Contains(last)
            ? $"; last change {last.Action} by {last.User ?? "an unknown user"}{(last.K8sUser is { } k ? $" ({k})" : string.Empty)} at {SpecSnapshot.Stamp(last.Timestamp)}, from team history"
            : string.Empty;
    }

    private static bool IsCreation(HistoryEvent e) =>
        AuditBaseline.SetsSpec(e) && e.Action is HistoryActions.ClusterCreated or AuditActions.ObservedCreatedElsewhere or AuditActions.ObservedRecreated;

    /// <summary>
    /// A spec generation history does not account for, or labels and annotations other than recorded (metadata changes
    /// leave the generation alone, and labels decide which MultiClusterServices a cluster gets).
    /// </summary>
    private static bool IsChanged(LiveCluster live, AuditBaseline baseline) =>
        baseline.Generation is { } recorded
            ? live.SpecGeneration > recorded || baseline.Differences(live.Spec).Any(d => d.Field.StartsWith(SpecSnapshot.MetadataPrefix, StringComparison.Ordinal))
            : FieldWriters.WrittenElsewhereSince(live, baseline.Event.Timestamp);

    /// <summary>A live uid history has no creation for: new under this name, or a new incarnation of it.</summary>
    private static AuditFinding Unrecorded(AuditSubject s, LiveCluster live)
    {
        var previous = Incarnations.Group(s.History).LastOrDefault(i => i.Uid is not null && i.Uid != live.Uid);
        var creator = FieldWriters.Creator(live);
        var by = creator is null ? "an unknown writer" : creator.Describe();
        if (previous is null)
        {
            var without = s.History.Count(e => e.Uid is null);
            var note = without > 0 ? $"; history has {without} entries without a uid (legacy or offline)" : string.Empty;
            return Live(s, live, AuditClass.CreatedElsewhere, null, $"created by {by}; history has no creation recorded for this uid{note}")
                with { By = creator, At = live.CreatedAt };
        }

        var previousEvents = s.History.Where(e => e.Uid == previous.Uid).ToList();
        return Live(s, live, AuditClass.Recreated, null,
                $"recreated by {by}; history knows uid {previous.Uid} under this name (last recorded: {previous.LastAction} at {SpecSnapshot.Stamp(previous.LastSeen)})")
            with
            {
                By = creator,
                At = live.CreatedAt,
                PreviousUid = previous.Uid,
                PreviousDeletionUnrecorded = !RecordsDeletion(previousEvents),
                RecordedCreatedAt = CreatedAt(previousEvents),
            };
    }

    private static AuditFinding Changed(AuditSubject s, LiveCluster live, AuditBaseline baseline)
    {
        var by = FieldWriters.Changer(live, baseline.Event.Timestamp);
        var changes = baseline.Differences(live.Spec);
        var from = baseline.Generation is { } g
            ? g == live.SpecGeneration ? $"metadata changed at generation {g}" : $"generation {g} → {live.SpecGeneration}"
            : $"written after {baseline.Event.Action} at {SpecSnapshot.Stamp(baseline.Event.Timestamp)}";
        var what = changes.Count == 0
            ? "template, credential and config as recorded (another spec field changed)"
            : string.Join("; ", changes.Take(3).Select(c => c.Describe())) + (changes.Count > 3 ? $"; and {changes.Count - 3} more" : string.Empty);
        return Live(s, live, AuditClass.ChangedElsewhere, baseline, $"{from} by {by?.Describe() ?? "an unknown writer"}: {what}")
            with { By = by, At = by?.Time, Changes = changes };
    }

    private static string InStepDetail(LiveCluster live, List<HistoryEvent> own) =>
        live.DeletionRequestedAt is { } requested
            ? $"deleting since {SpecSnapshot.Stamp(requested)}, as recorded"
            : $"{own.Count} {(own.Count == 1 ? "event" : "events")} recorded for this uid";

    private static AuditFinding Live(AuditSubject s, LiveCluster live, AuditClass kind, AuditBaseline? baseline, string detail) =>
        new(s.Namespace, s.Name, kind, detail)
        {
            Uid = live.Uid,
            Generation = live.Generation,
            RecordedGeneration = baseline?.Generation,
            ResourceVersion = live.ResourceVersion,
            Live = live,
        };

    private static AuditFinding ClassifyGone(AuditSubject s)
    {
        var latest = Incarnations.Group(s.History).LastOrDefault(i => i.Uid is not null);
        if (latest is null)
        {
            return new AuditFinding(s.Namespace, s.Name, AuditClass.InStep,
                "not live, and history has no uid (legacy, offline or failed entries only): nothing to compare");
        }

        var events = s.History.Where(e => e.Uid == latest.Uid).OrderBy(e => e.Timestamp).ToList();
        var finding = new AuditFinding(s.Namespace, s.Name, AuditClass.InStep, string.Empty)
        {
            Uid = latest.Uid,
            RecordedGeneration = AuditBaseline.Find(events)?.Generation,
            RecordedCreatedAt = CreatedAt(events),
        };
        var deletion = events.LastOrDefault(e => DeletionActions.Contains(e.Action) && e.Result != HistoryRecorder.Failed);
        return deletion is not null
            ? finding with { Detail = $"gone; history records {deletion.Action} at {SpecSnapshot.Stamp(deletion.Timestamp)}" }
            : finding with
            {
                Class = AuditClass.DeletedElsewhere,
                Detail = $"no object with this uid, and no delete in history (last recorded: {latest.LastAction} at {SpecSnapshot.Stamp(latest.LastSeen)})",
            };
    }

    private static DateTimeOffset? CreatedAt(IEnumerable<HistoryEvent> incarnation) => IncarnationTracker.CreatedAt(incarnation);
}
