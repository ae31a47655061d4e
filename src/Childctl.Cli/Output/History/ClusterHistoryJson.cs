namespace Childctl.Cli.Output.History;

/// <summary>One cluster's history in <c>-o json</c>: the file's header and events, plus incarnations by uid.</summary>
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
