using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations;

/// <summary>The clusters that matched a <see cref="ClusterQuery"/>, sorted by namespace then name.</summary>
public sealed record ClusterListing(ClusterQuery Query, IReadOnlyList<ClusterOverview> Clusters);
