using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Childctl.Core.History;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Text;

namespace Childctl.Cli.Output.History;

/// <summary>
/// The <c>-o json</c> documents of <c>history</c>, <c>note</c> and <c>migrate</c> (schema in docs/history.md): the file's
/// field names, snake_case, nulls left out, source-generated (no reflection, NativeAOT-clean). <see cref="NotLiveState"/>
/// says in the document itself what it is: local history, not live state.
/// </summary>
internal static class HistoryJson
{
    public const string NotLiveState = "local history recorded by childctl and the legacy tools; not live state (k0rdent owns state)";

    public const string LiveNotStored = "live Kubernetes Events of the current incarnation, read from the API now; not part of the local history and never stored";

    public static string List(IEnumerable<ClusterTimeline> clusters, LiveClusterEvents? live) => JsonSerializer.Serialize(
        new HistoryListJson("HistoryList", NotLiveState, clusters.Select(c => Cluster(c) with { LiveEvents = LiveEvents(live) }).ToList()),
        HistoryJsonContext.Default.HistoryListJson);

    public static string Event(TimelineEvent e) => JsonSerializer.Serialize(EventOf(e), HistoryJsonContext.Default.EventJson);

    public static string Migration(MigrationReport report) => JsonSerializer.Serialize(report, HistoryJsonContext.Default.MigrationReport);

    /// <summary>History times to the millisecond, as the files keep them.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static ClusterHistoryJson Cluster(ClusterTimeline c)
    {
        // The incarnations the (filtered) events belong to, as the table shows them: --uid selects one.
        var uids = c.Events.Select(e => e.Uid).ToHashSet();
        return new(c.ManagementCluster, c.Namespace, c.Name, c.Path, c.CreatedAt, c.LastUpdated,
            c.Incarnations.Where(i => uids.Contains(i.Uid)).Select(Incarnation).ToList(), c.Events.Select(EventOf).ToList());
    }

    private static IncarnationJson Incarnation(TimelineIncarnation i) => new(i.Uid, Time(i.FirstSeen), Time(i.LastSeen), i.EventCount, i.LastAction)
    {
        Milestones = i.Milestones.Select(m => new MilestoneJson(m.Name, Time(m.At), m.Action, m.Source) { AtLatest = m.AtLatest ? true : null }).ToList(),
        Durations = i.Durations.Select(d => new DurationJson(d.From, d.To, Seconds(d.Duration), d.Text) { AtMostSeconds = Seconds(d.AtMost) }).ToList(),
    };

    private static long? Seconds(TimeSpan? span) => span is { } s ? (long)s.TotalSeconds : null;

    private static EventJson EventOf(TimelineEvent e) => new(
        Time(e.Timestamp), e.Id, e.Action, e.User, e.K8sUser, e.Uid,
        e.ManagementClusterName is { } mc ? new ManagementClusterJson(mc, e.ManagementClusterServer) : null,
        e.Operation, e.Parameters, e.Command, e.Reason, e.Message, e.Result, e.Error, e.Flags, e.Source);

    private static LiveEventsJson? LiveEvents(LiveClusterEvents? live) => live is null
        ? null
        : new LiveEventsJson(LiveNotStored, live.Uid, live.ObjectExists, live.Events
            .Select(e => new LiveEventJson(e.Type, e.Reason, e.Message, e.Count, e.LastSeen is { } t ? Time(t) : null, e.Source))
            .ToList());
}

/// <summary>The <c>-o json</c> document of <c>history</c>.</summary>
internal sealed record HistoryListJson(string Kind, string Note, IReadOnlyList<ClusterHistoryJson> Items);

/// <summary>One cluster's history: the file's header and events, plus incarnations by uid.</summary>
internal sealed record ClusterHistoryJson(
    string ManagementCluster,
    string Namespace,
    string ClusterName,
    string File,
    string? CreatedAt,
    string? LastUpdated,
    IReadOnlyList<IncarnationJson> Incarnations,
    IReadOnlyList<EventJson> Events)
{
    /// <summary>With <c>--with-events</c>: the current incarnation's live Kubernetes Events, never stored.</summary>
    public LiveEventsJson? LiveEvents { get; init; }
}

/// <summary>One history event.</summary>
internal sealed record EventJson(
    string Timestamp,
    string? Id,
    string Action,
    string? User,
    string? K8sUser,
    string? Uid,
    ManagementClusterJson? ManagementCluster,
    string? Operation,
    IReadOnlyDictionary<string, string>? Parameters,
    string? Command,
    string? Reason,
    string? Message,
    string? Result,
    string? Error,
    IReadOnlyList<string>? Flags,
    string? Source);

internal sealed record ManagementClusterJson(string Name, string? Server);

/// <summary>One uid's span in a cluster's history; a null uid groups the events recorded without one.</summary>
internal sealed record IncarnationJson(string? Uid, string FirstSeen, string LastSeen, int Events, string? LastAction)
{
    /// <summary>created, ready, failed, delete requested, gone: when, and from which event.</summary>
    public IReadOnlyList<MilestoneJson> Milestones { get; init; } = [];

    /// <summary>The spans between milestones, in seconds and as text.</summary>
    public IReadOnlyList<DurationJson> Durations { get; init; } = [];
}

/// <summary>A milestone; <c>at_latest: true</c> when only a bound is known (first seen then, perhaps earlier).</summary>
internal sealed record MilestoneJson(string Name, string At, string Action, string? Source)
{
    public bool? AtLatest { get; init; }
}

/// <summary>
/// The time between two milestones: whole seconds, and as text (8m12s). Unknown: no <c>seconds</c>, text "unknown", and
/// <c>at_most_seconds</c> when an upper bound is known.
/// </summary>
internal sealed record DurationJson(string From, string To, long? Seconds, string Text)
{
    public long? AtMostSeconds { get; init; }
}

/// <summary><c>--with-events</c>: the Events k0rdent emitted about the current incarnation, read live and never stored.</summary>
internal sealed record LiveEventsJson(string Note, string? Uid, bool ObjectExists, IReadOnlyList<LiveEventJson> Items);

internal sealed record LiveEventJson(string Type, string Reason, string Message, int Count, string? LastSeen, string Source);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(HistoryListJson))]
[JsonSerializable(typeof(EventJson))]
[JsonSerializable(typeof(MigrationReport))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
