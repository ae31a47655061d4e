using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations;

/// <summary>Import a legacy state folder into the history of <see cref="ManagementCluster"/>.</summary>
public sealed record MigrationRequest(string From, ManagementCluster ManagementCluster, string DefaultNamespace, bool DryRun);
