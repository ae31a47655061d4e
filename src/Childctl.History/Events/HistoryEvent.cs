using System.Security.Cryptography;
using System.Text;

namespace Childctl.History.Events;

/// <summary>
/// One entry of a cluster's append-only history, as stored in <c>events:</c> of its file. Every field but
/// <see cref="Timestamp"/> and <see cref="Action"/> is optional so that the users' legacy logs read as-is;
/// events that childctl appends always carry an <see cref="Id"/> and a <see cref="Source"/>.
/// </summary>
/// <remarks>
/// History is never state: a value here (parameters, a legacy snapshot) says what was true or requested at
/// <see cref="Timestamp"/>, never what is true now.
/// </remarks>
public sealed record HistoryEvent
{
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Unique per event (a ULID for new events); re-appending the same id is a no-op.</summary>
    public string? Id { get; init; }

    /// <summary>snake_case verb, e.g. <c>cluster_created</c>, <c>note_added</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The OS user who ran the command; null when unknown (legacy, observed).</summary>
    public string? User { get; init; }

    /// <summary>The Kubernetes identity used, when known: the impersonated user when the command impersonated one.</summary>
    public string? K8sUser { get; init; }

    /// <summary>With impersonation, the user the credentials themselves authenticate as (who impersonated <see cref="K8sUser"/>).</summary>
    public string? K8sRealUser { get; init; }

    /// <summary>The ClusterDeployment's <c>metadata.uid</c>: tells incarnations of one name apart.</summary>
    public string? Uid { get; init; }

    public ManagementClusterRef? ManagementCluster { get; init; }

    /// <summary>Groups the events of one command.</summary>
    public string? Operation { get; init; }

    /// <summary>Requested parameters, redacted before writing. Values are text.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>The command line, redacted before writing.</summary>
    public string? Command { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }

    /// <summary><c>succeeded</c> or <c>failed</c> when the event records an attempt.</summary>
    public string? Result { get; init; }

    public string? Error { get; init; }

    /// <summary>Markers such as <see cref="EventFlags.LegacySyncNoise"/> and <see cref="EventFlags.HistoricalSnapshot"/>.</summary>
    public IReadOnlyList<string>? Flags { get; init; }

    /// <summary><c>childctl</c>, <c>observed</c> or <c>legacy</c>; null only in foreign files.</summary>
    public string? Source { get; init; }

    /// <summary>1-based line of the event in its file; 0 when not read from a file.</summary>
    public int Line { get; init; }

    public bool HasFlag(string flag) => Flags?.Contains(flag, StringComparer.Ordinal) == true;

    /// <summary>
    /// Written by childctl (an operation's record or an observation), so redacted when appended; otherwise a legacy
    /// entry (source <c>legacy</c> or none), which a read puts through the legacy rule.
    /// </summary>
    public bool WrittenByChildctl => Source is EventSources.Childctl or EventSources.Observed;
}

/// <summary>The management cluster an event happened on: kubeconfig cluster name and API server URL.</summary>
public sealed record ManagementClusterRef(string Name, string? Server);

/// <summary>Who wrote an event: childctl itself, an observation of k0rdent, or the legacy bash tools.</summary>
public static class EventSources
{
    public const string Childctl = "childctl";
    public const string Observed = "observed";
    public const string Legacy = "legacy";
}

/// <summary>Actions this library writes itself (DESIGN.md lists the rest).</summary>
public static class EventActions
{
    public const string NoteAdded = "note_added";
    public const string LegacyStateImported = "legacy_state_imported";
    public const string LegacySyncedFromKubernetes = "state_synced_from_kubernetes";
}

/// <summary>Markers kept in an event's <c>flags</c> list.</summary>
public static class EventFlags
{
    /// <summary>A <c>state_synced_from_kubernetes</c> event of the old sync script: kept, but it records no operation.</summary>
    public const string LegacySyncNoise = "legacy_sync_noise";

    /// <summary>A dated copy of a legacy state file: what the old tools believed then, never current state.</summary>
    public const string HistoricalSnapshot = "historical_snapshot";
}

/// <summary>Event ids: ULIDs, so ids sort by time. Deterministic ids (legacy import) hash their content.</summary>
public static class EventIds
{
    public static string New(DateTimeOffset timestamp) => Ulid.NewUlid(timestamp).ToString();

    /// <summary>
    /// The same content always gives the same id, so importing the same legacy entry twice is a no-op.
    /// The time part keeps the id sortable; the rest is the first 80 bits of SHA-256 of <paramref name="content"/>.
    /// </summary>
    public static string Deterministic(DateTimeOffset timestamp, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(content), hash);
        var clamped = timestamp < DateTimeOffset.UnixEpoch ? DateTimeOffset.UnixEpoch : timestamp;
        return Ulid.NewUlid(clamped, hash[..10]).ToString();
    }
}
