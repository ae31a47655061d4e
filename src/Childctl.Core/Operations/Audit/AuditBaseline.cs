using Childctl.Core.History;
using Childctl.History.Redaction;
using Childctl.History.Store;

namespace Childctl.Core.Operations.Audit;

/// <summary>
/// What history last said the spec of one incarnation was: the latest event that set or saw it (childctl's create,
/// scale or upgrade, or an earlier audit's observation), the generation it recorded and the spec values. Events written
/// before childctl recorded generations have none; a create without one is generation 1 (every object starts there).
/// </summary>
internal sealed record AuditBaseline(HistoryEvent Event, long? Generation, IReadOnlyDictionary<string, string> Spec, bool CompleteSpec)
{
    private static readonly HashSet<string> SpecActions = new(StringComparer.Ordinal)
    {
        HistoryActions.ClusterCreated,
        HistoryActions.ClusterScaled,
        HistoryActions.ClusterUpgraded,
        HistoryActions.ClusterConfigChanged,
        AuditActions.ObservedCreatedElsewhere,
        AuditActions.ObservedRecreated,
        AuditActions.ObservedChangedElsewhere,
        AuditActions.ObservedMetadataBaseline,
    };

    /// <summary>True for events that account for an incarnation's spec (and, for creations, for the incarnation itself).</summary>
    public static bool SetsSpec(HistoryEvent e) =>
        SpecActions.Contains(e.Action) && e.Result != HistoryRecorder.Failed;

    /// <summary>The baseline among one incarnation's events, or null when none set the spec.</summary>
    public static AuditBaseline? Find(IEnumerable<HistoryEvent> incarnation)
    {
        var setting = incarnation.Where(SetsSpec).OrderBy(e => e.Timestamp).ToList();
        if (setting.Count == 0)
        {
            return null;
        }

        var known = setting
            .Select(e => (Event: e, Generation: SpecSnapshot.Generation(e.Parameters) ?? (e.Action == HistoryActions.ClusterCreated ? 1L : (long?)null)))
            .Where(x => x.Generation is not null)
            .OrderBy(x => x.Generation)
            .ThenBy(x => x.Event.Timestamp)
            .LastOrDefault();
        var unknownAfter = setting.LastOrDefault(e => SpecSnapshot.Generation(e.Parameters) is null
            && e.Action != HistoryActions.ClusterCreated
            && (known.Event is null || e.Timestamp > known.Event.Timestamp));
        return unknownAfter is not null ? Of(unknownAfter, null) : Of(known.Event!, known.Generation);
    }

    /// <summary>
    /// Whether the baseline recorded the labels and annotations. Snapshots written before childctl recorded them have none,
    /// so a label changed elsewhere since cannot be told from one that was always there.
    /// </summary>
    public bool CapturedMetadata => Spec.Keys.Any(k => SpecSnapshot.MapOf(k) is not null);

    /// <summary>
    /// The spec values recorded, compared with the live ones: only keys the baseline knows when it is partial; labels and
    /// annotations only when the baseline captured them (history written before it did has none); redacted values are
    /// not compared. The map markers (<c>metadata.labels: {}</c>) are not differences of their own.
    /// </summary>
    public IReadOnlyList<SpecDifference> Differences(IReadOnlyDictionary<string, string> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var captured = Spec.Keys.Select(SpecSnapshot.MapOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var keys = (CompleteSpec ? Spec.Keys.Union(live.Keys) : Spec.Keys)
            .Where(k => SpecSnapshot.MapOf(k) is not { } map || (captured.Contains(map) && k != map));
        var differences = new List<SpecDifference>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Spec.TryGetValue(key, out var recorded);
            live.TryGetValue(key, out var now);
            if (recorded == SecretPatterns.Mask || recorded == now)
            {
                continue;
            }

            var secret = SecretKeys.IsSecret(key);
            differences.Add(new SpecDifference(key, Shown(recorded, secret), Shown(now, secret)));
        }

        return differences;
    }

    private static string? Shown(string? value, bool secret) =>
        value is null ? null : secret ? SecretPatterns.Mask : SecretPatterns.Redact(value);

    private static AuditBaseline Of(HistoryEvent e, long? generation)
    {
        var spec = SpecSnapshot.From(e.Parameters);
        return spec.Count > 0 ? new AuditBaseline(e, generation, spec, true) : new AuditBaseline(e, generation, LegacySpec(e), false);
    }

    /// <summary>The few spec values events recorded before the snapshot existed: the template, credential and counts.</summary>
    private static Dictionary<string, string> LegacySpec(HistoryEvent e)
    {
        var p = e.Parameters ?? new Dictionary<string, string>();
        var spec = new Dictionary<string, string>(StringComparer.Ordinal);
        void Map(string from, string to)
        {
            if (p.TryGetValue(from, out var value) && value != "default")
            {
                spec[to] = value;
            }
        }

        Map(e.Action == HistoryActions.ClusterUpgraded ? "to" : "template", SpecSnapshot.TemplateKey);
        Map("credential", SpecSnapshot.CredentialKey);
        Map("workers_after", SpecSnapshot.ConfigPrefix + "workersNumber");
        Map("control_planes_after", SpecSnapshot.ConfigPrefix + "controlPlaneNumber");
        return spec;
    }
}
