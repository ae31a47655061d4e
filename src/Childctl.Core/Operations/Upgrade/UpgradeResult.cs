using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Upgrade;

/// <summary>The template before and after, and the object after the patch.</summary>
public sealed record UpgradeResult(string From, string To, ClusterDeployment Cluster);
