using System.Globalization;
using Childctl.Core.History;
using Childctl.History.Events;
using Childctl.History.Query;

namespace Childctl.Core.Operations.Audit;

/// <summary>The half of the rule for names the API has no object under.</summary>
public static partial class AuditClassifier
{
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

    /// <summary>The creationTimestamp history recorded for an incarnation (a snapshot's created_at), when it did.</summary>
    private static DateTimeOffset? CreatedAt(IEnumerable<HistoryEvent> incarnation)
    {
        foreach (var e in incarnation)
        {
            if (e.Parameters is { } p && p.TryGetValue(SpecSnapshot.CreatedAtKey, out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at;
            }
        }

        return null;
    }
}
