using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Audit;

/// <summary>What the audit needs of one live ClusterDeployment: identity, generation, times, spec values and writers.</summary>
public sealed record LiveCluster(
    string Uid,
    long Generation,
    string ResourceVersion,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? DeletionRequestedAt,
    IReadOnlyDictionary<string, string> Spec,
    IReadOnlyList<FieldManagerEntry> Writers,
    IReadOnlyDictionary<string, string> Annotations)
{
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
            ManagedFieldsReader.Annotations(cluster.Raw));
    }

    /// <summary>
    /// The generation the spec alone accounts for: the API server adds one when it sets deletionTimestamp, which is a
    /// delete, not a spec change.
    /// </summary>
    public long SpecGeneration => DeletionRequestedAt is null ? Generation : Generation - 1;
}
