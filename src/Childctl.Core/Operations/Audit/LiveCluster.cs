using System.Text.Json;
using Childctl.Core.ClusterDeployments;
using Childctl.History.Store;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Audit;

/// <summary>What the audit needs of one live ClusterDeployment: identity, generation, times, spec values and writers.</summary>
internal sealed record LiveCluster(
    string Uid,
    long Generation,
    string ResourceVersion,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? DeletionRequestedAt,
    IReadOnlyDictionary<string, string> Spec,
    IReadOnlyList<FieldManagerEntry> Writers,
    IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>Phase and readiness by <see cref="PhaseRule"/>, as every command shows them (set by <see cref="From"/>).</summary>
    public PhaseVerdict? Verdict { get; init; }

    public static LiveCluster From(ClusterDeployment cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new LiveCluster(
            cluster.Uid,
            cluster.Generation,
            cluster.ResourceVersion,
            cluster.CreationTimestamp,
            cluster.DeletionTimestamp,
            SpecSnapshot.Of(cluster),
            ManagedFieldsReader.Read(cluster.Raw),
            ManagedFieldsReader.Annotations(cluster.Raw))
        {
            Verdict = PhaseRule.Evaluate(cluster),
        };
    }

    /// <summary>
    /// The generation the spec alone accounts for: the API server adds one when it sets deletionTimestamp, which is a
    /// delete, not a spec change.
    /// </summary>
    public long SpecGeneration => DeletionRequestedAt is null ? Generation : Generation - 1;
}

/// <summary>
/// One cluster name to audit: its live object (null when the API has none) and every event of its history (the file,
/// merged with the team store when team history is on); <see cref="FromTeam"/> holds the events only the team store had.
/// </summary>
internal sealed record AuditSubject(string Namespace, string Name, LiveCluster? Live, IReadOnlyList<HistoryEvent> History, string? HistoryFile)
{
    public IReadOnlySet<HistoryEvent> FromTeam { get; init; } = new HashSet<HistoryEvent>();
}

/// <summary>Reads <c>metadata.managedFields</c> (manager, operation, subresource, time) and annotations from a served object.</summary>
internal static class ManagedFieldsReader
{
    public static IReadOnlyList<FieldManagerEntry> Read(JsonElement obj)
    {
        var metadata = JsonPath.Object(obj, "metadata");
        var entries = new List<FieldManagerEntry>();
        foreach (var entry in JsonPath.Array(metadata, "managedFields"))
        {
            if (JsonPath.String(entry, "manager") is { Length: > 0 } manager)
            {
                entries.Add(new FieldManagerEntry(
                    manager,
                    JsonPath.String(entry, "operation"),
                    JsonPath.String(entry, "subresource"),
                    JsonPath.Timestamp(entry, "time")));
            }
        }

        return entries;
    }

    public static IReadOnlyDictionary<string, string> Annotations(JsonElement obj) =>
        JsonPath.StringMap(JsonPath.Object(obj, "metadata"), "annotations");
}

/// <summary>
/// One entry of <c>metadata.managedFields</c>: who wrote the object (the field manager: <c>kubectl-patch</c>,
/// <c>kubectl-client-side-apply</c>, <c>childctl</c>, a GitOps controller...), how (<c>Update</c> or <c>Apply</c>), to which
/// subresource (<c>status</c> for controllers' status writes, null for the object itself) and when it last did.
/// </summary>
internal sealed record FieldManagerEntry(string Manager, string? Operation, string? Subresource, DateTimeOffset? Time)
{
    /// <summary>True for writes to the object itself rather than its status.</summary>
    public bool IsMainResource => string.IsNullOrEmpty(Subresource);
}
