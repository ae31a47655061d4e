using System.Security.Cryptography;
using System.Text;
using Childctl.History.Codec;
using Childctl.History.Storage;

namespace Childctl.History.Store;

/// <summary>
/// Per-cluster append-only event streams, in the spirit of SQLStreamStore's <c>AppendToStream</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>An append of several events is one write at the end of the file. A crash can cut it short: the events it
/// wrote whole are kept, the one it cut is set aside as a torn tail (migration, the one user of batches, completes
/// a cut batch when it is run again).</item>
/// <item>A failed append (a full disk) cuts the file back to where it started before it reports the failure.</item>
/// <item>Appends are serialised by an exclusive lock shared by all processes, and flushed to disk before they return.</item>
/// <item>Idempotency: if every id of the batch is already in the stream, the append is a no-op that returns the
/// position of the existing last one; if some are and some are not, it fails with <see cref="HistoryErrorKind.IdConflict"/>.</item>
/// <item>Secrets are redacted from parameters, command and free text before anything is written.</item>
/// <item>Nothing already written is ever changed; only a torn tail is moved to a side file and cut, by an append.
/// Reading never writes: a reader reports a torn tail and skips it.</item>
/// <item>A file that an append could only make invalid (a key after the events list, a flow-style list, another
/// cluster's header, a link, a folder) is refused with one message before anything is written.</item>
/// </list>
/// </remarks>
public interface IHistoryStore
{
    Task<AppendResult> AppendAsync(HistoryStreamId stream, IReadOnlyList<HistoryEvent> events, AppendOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fails as an append to the stream would fail, short of writing an event: an invalid name, a folder that cannot be
    /// created, a lock or log that cannot be opened for writing, a log that does not parse. Lets a caller refuse to
    /// make a change it could not record: the same checks as an append (the file's layout, its header, a link or folder in
    /// its place) on the file as it is. May create the stream's folders and lock file and tighten the file's mode to 0600,
    /// nothing else.
    /// </summary>
    Task CheckAppendableAsync(HistoryStreamId stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a change to the stream's cluster as in flight until the hold is disposed: from before its intent is appended
    /// to after its outcome is. A settler (<see cref="TryHoldForSettling"/>) leaves the stream's unfinished changes alone
    /// meanwhile, since their outcome is still coming. Across processes on this machine; a killed holder lets go at once.
    /// </summary>
    Task<IDisposable> HoldChangeAsync(HistoryStreamId stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// For settling the stream's unfinished changes: null while any change to it is in flight (see
    /// <see cref="HoldChangeAsync"/>); else a hold that keeps new changes from starting until it is disposed.
    /// </summary>
    IDisposable? TryHoldForSettling(HistoryStreamId stream);

    /// <summary>Reads one stream, touching no other file; a missing stream reads as not existing.</summary>
    Task<StreamRead> ReadAsync(HistoryStreamId stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// The streams of one management cluster (raw kubeconfig name), namespace and name; null means any. With a
    /// name, only that name's files are looked at, not every file.
    /// </summary>
    IReadOnlyList<StreamInfo> ListStreams(string? managementCluster = null, string? ns = null, string? name = null);

    /// <summary>The raw names of the management clusters that have history.</summary>
    IReadOnlyList<string> ListManagementClusters();
}

/// <summary>
/// One cluster's history: the kubeconfig cluster name of its management cluster (raw, as in the kubeconfig),
/// its namespace and its name. Incarnations of the name share the stream and differ by uid.
/// </summary>
public sealed record HistoryStreamId(string ManagementCluster, string Namespace, string Name)
{
    /// <summary>Throws <see cref="HistoryException"/> (InvalidName) unless both names are valid Kubernetes names.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(ManagementCluster))
        {
            throw new HistoryException(HistoryErrorKind.InvalidName, "the management cluster name is empty");
        }

        KubernetesNames.ValidateNamespace(Namespace);
        KubernetesNames.ValidateClusterName(Name);
    }

    public override string ToString() => $"{ManagementCluster}/{Namespace}/{Name}";
}

/// <summary>
/// Optional header values for a file that the append creates: legacy import keeps the old file's <c>created_at</c>
/// and <c>last_updated</c> (the latter as the old tools left it, a historical value).
/// </summary>
public sealed record AppendOptions(string? CreatedAt = null, string? LastUpdated = null);

/// <summary>
/// Where the (last) appended event sits: its 0-based index among the stream's events, and the byte offset of
/// its block in the file. A re-append of existing ids returns the existing values.
/// </summary>
public sealed record AppendResult(long Version, long Position, bool Appended)
{
    /// <summary>A torn tail left by an earlier crash that this append found, set aside and cut first.</summary>
    public TornTail? RepairedTail { get; init; }
}

/// <summary>A stream found on disk, and its file.</summary>
public sealed record StreamInfo(HistoryStreamId Stream, string Path);

/// <summary>The result of reading one stream: its file (if any), what it holds, and a torn tail that was set aside.</summary>
public sealed record StreamRead(HistoryStreamId Stream, string Path, HistoryDocument? Document, TornTail? TornTail)
{
    public bool Exists => Document is not null;
}

/// <summary>
/// A write cut short by a crash: <see cref="Length"/> bytes from <see cref="Offset"/> of <see cref="LogPath"/>,
/// copied to <see cref="SidePath"/> and then cut from the log (by an append), or only skipped (by a read).
/// </summary>
/// <remarks>
/// <see cref="SidePath"/> is null when a reader found the tail: reading never writes, so it only skips the bytes, and
/// the next append to the stream sets them aside. An append that repaired the file always names its side file.
/// </remarks>
public sealed record TornTail(string LogPath, string? SidePath, long Offset, long Length)
{
    /// <summary>True when the bytes were copied to <see cref="SidePath"/> and cut from the log.</summary>
    public bool SetAside => SidePath is not null;
}

/// <summary>Checks a batch at the door, before any file is touched.</summary>
internal static class EventValidation
{
    public static void Validate(IReadOnlyList<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw Invalid("an append needs at least one event");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (string.IsNullOrEmpty(e.Id) || e.Id.Length > 128 || !e.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw Invalid($"event id \"{e.Id}\" must be 1-128 letters, digits, '-', '_' or '.'");
            }

            if (!seen.Add(e.Id))
            {
                throw Invalid($"event id {e.Id} appears twice in one append");
            }

            if (e.Action.Length == 0 || !char.IsAsciiLetterLower(e.Action[0]) || !e.Action.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw Invalid($"action \"{e.Action}\" must be snake_case");
            }

            if (e.Timestamp == default)
            {
                throw Invalid($"event {e.Id} has no timestamp");
            }
        }
    }

    private static HistoryException Invalid(string message) => new(HistoryErrorKind.InvalidEvent, message);
}

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
