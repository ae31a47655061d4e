using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.Core.Operations;
using Childctl.Core.Operations.Audit;
using Childctl.History.Store;

namespace Childctl.Core.Tests.Operations.Audit;

/// <summary>Live objects and history events as the classifier sees them, written out by hand.</summary>
internal static class AuditExamples
{
    public const string UidA = "aaaaaaaa-0000-4000-8000-000000000001";
    public const string UidB = "bbbbbbbb-0000-4000-8000-000000000002";
    public static readonly DateTimeOffset T0 = new(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, string> Spec = new Dictionary<string, string>
    {
        ["spec.template"] = "aws-standalone-cp-1-0-43",
        ["spec.credential"] = "aws-cred",
        ["spec.config.region"] = "us-west-2",
        ["spec.config.workersNumber"] = "2",
    };

    public static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    public static LiveCluster Live(string uid = UidA, long generation = 1, IReadOnlyDictionary<string, string>? spec = null,
        DateTimeOffset? deleting = null, params FieldManagerEntry[] writers) =>
        new(uid, generation, "100", T0, deleting, spec ?? Spec,
            writers.Length > 0 ? writers : [Writer("childctl", 0), Writer("manager", 0), Writer("manager", 30, "status")],
            new Dictionary<string, string>());

    public static FieldManagerEntry Writer(string manager, int minutes, string? subresource = null, string operation = "Update") =>
        new(manager, operation, subresource, At(minutes));

    public static HistoryEvent Event(string action, int minutes, string? uid = UidA, long? generation = null,
        IReadOnlyDictionary<string, string>? spec = null, string source = EventSources.Childctl, string? result = null)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (generation is { } g)
        {
            parameters[SpecSnapshot.GenerationKey] = g.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in spec ?? new Dictionary<string, string>())
        {
            parameters[key] = value;
        }

        return new HistoryEvent
        {
            Timestamp = At(minutes),
            Id = EventIds.New(At(minutes)),
            Action = action,
            Uid = uid,
            Parameters = parameters,
            Result = result ?? (source == EventSources.Childctl ? "succeeded" : null),
            Source = source,
        };
    }

    public static HistoryEvent Created(int minutes = 0, string uid = UidA) => Event(HistoryActions.ClusterCreated, minutes, uid, 1, Spec);

    public static AuditFinding Classify(LiveCluster? live, params HistoryEvent[] history) =>
        AuditClassifier.Classify(new AuditSubject("kcm-system", "c1", live, history, "/h/c1.yaml"));

    public static Dictionary<string, string> With(string key, string value) => new(Spec) { [key] = value };
}
