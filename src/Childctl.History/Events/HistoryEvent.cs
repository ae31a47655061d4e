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

    /// <summary>The Kubernetes identity used, when known.</summary>
    public string? K8sUser { get; init; }

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
}
