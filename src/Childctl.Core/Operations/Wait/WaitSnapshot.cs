using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Wait;

/// <summary>What a wait knows after each change it saw: time waited, the object (null once gone) and the verdict.</summary>
public sealed record WaitSnapshot(TimeSpan Elapsed, ClusterDeployment? Cluster, WaitVerdict Verdict);
